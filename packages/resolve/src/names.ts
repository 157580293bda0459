/**
 * Arabic given names as Latin transliterations write them. One Arabic name reaches registers, waybills and sanctions
 * lists in several spellings (`Mohammed`, `Muhammad`, `Mohamed`; `Youssef`, `Yusuf`, `Yousef`), further apart than one
 * slip, so that the letter rules alone (`skeleton`, one edit) miss them; and two different names can be one letter
 * apart (`Hamid` and `Hamad`, `Said` and `Sayed`, `Amin` and `Amir`), which the one-slip rule took for the same.
 *
 * Each group is one name, in the spellings of the transliteration schemes and the regional habits seen in
 * registers and lists (Levant, Gulf, Egypt, Maghreb, the OpenSanctions and UN lists' aliases); its first spelling is
 * its key. Only transliterations of one Arabic name are grouped: Turkish forms (`Mehmet`, `Ahmet`, `Hüseyin`, `Fatma`),
 * which registers write as such, are not, and names of another root are groups of their own (`Hasan` / `Husayn`,
 * `Hamid` / `Hamad`, `Said` / `Sayyid` / `Saad`, `Yusuf` / `Yunus`, `Sulayman` / `Salman`, `Jamal` / `Kamal`, `Amin` /
 * `Amir`).
 */
const GROUPS: readonly (readonly string[])[] = [
  ['muhammad', 'mohammed', 'mohammad', 'muhammed', 'mohamed', 'mohamad', 'muhamad', 'muhamed', 'mouhamed', 'mouhammad', 'mohamud'],
  ['ahmad', 'ahmed'],
  ['mahmud', 'mahmoud', 'mahmood'],
  ['hamid', 'hamed', 'hameed'],
  ['hamad'],
  ['hasan', 'hassan'],
  ['husayn', 'hussein', 'husein', 'hussain', 'husain', 'hossein', 'hosein', 'hussien', 'hussin'],
  ['said', 'saeed', 'saied', 'saeid'],
  ['sayyid', 'sayed', 'sayid', 'syed', 'sayyed', 'seyed'],
  ['saad'],
  ['yusuf', 'youssef', 'yousef', 'yousif', 'yusef', 'youssif', 'yousuf', 'yussuf', 'youssouf'],
  ['yunus', 'younes', 'younis', 'yunis', 'younus', 'younous'],
  ['ibrahim', 'ebrahim', 'ibraheem', 'ibrahem'],
  ['ismail', 'ismael', 'esmail'],
  ['musa', 'mousa', 'moussa', 'mussa', 'moosa'],
  ['isa', 'issa', 'eissa', 'essa'],
  ['umar', 'omar'],
  ['uthman', 'othman', 'osman', 'usman', 'othmane'],
  ['sulayman', 'suleiman', 'sulaiman', 'soliman', 'sleiman', 'suliman'],
  ['salman'],
  ['mustafa', 'mostafa', 'moustafa', 'mustapha'],
  ['khalil', 'khaleel'],
  ['khalid', 'khaled'],
  ['jamal', 'gamal'],
  ['kamal'],
  ['jamil', 'jameel', 'gamil'],
  ['yahya', 'yehia', 'yahia', 'yahiya'],
  ['faysal', 'faisal', 'feisal', 'faycal'],
  ['nasir', 'nasser', 'naser', 'nassir'],
  ['nasr'],
  ['abdullah', 'abdallah', 'abdulla', 'abdalla'],
  ['abd', 'abdul', 'abdel', 'abdoul'],
  ['hamza', 'hamzah'],
  ['walid', 'waleed'],
  ['rashid', 'rasheed', 'rachid'],
  ['karim', 'kareem'],
  ['amin', 'ameen'],
  ['amir', 'ameer'],
  ['zakariya', 'zakaria', 'zakariyya', 'zakariyah'],
  ['hafiz', 'hafez'],
  ['tariq', 'tarek', 'tarik', 'tareq'],
  ['adil', 'adel'],
  ['nabil', 'nabeel'],
  ['samir', 'sameer'],
  ['bashir', 'basheer', 'bachir'],
  ['qasim', 'qassem', 'kassem', 'qasem', 'kasim'],
  ['hashim', 'hashem'],
  ['hisham', 'hesham', 'hicham'],
  ['imad', 'emad'],
  ['ihab', 'ehab'],
  ['jafar', 'jaafar', 'jaffar'],
  ['zayd', 'zaid', 'zeid', 'zayed'],
  ['salih', 'saleh'],
  ['salim', 'saleem'],
  ['yasin', 'yassin', 'yaseen', 'yassine'],
  ['haytham', 'haitham', 'heitham'],
  ['mahdi', 'mehdi'],
  ['ali', 'aly'],
  ['fatima', 'fatimah'],
  ['aisha', 'aysha', 'aicha', 'aishah'],
  ['maryam', 'mariam'],
  ['zaynab', 'zainab', 'zeinab'],
  ['khadija', 'khadijah', 'khadidja'],
];

/** Each spelling of GROUPS, to its group's key. */
const KEY_OF: ReadonlyMap<string, string> = new Map(GROUPS.flatMap((g) => g.map((w) => [w, g[0]] as [string, string])));

/** `abd` and a name written as one word (`abdulrahman`, `abdelaziz`, `abdoulkarim`): the prefix's forms. */
const ABD = /^abd(?:ul|el|al|oul|ol)?([a-z]{3,})$/;
/** What follows `abd` in names (the names of God it is the servant of, and a few others), folded. */
const AFTER_ABD: ReadonlySet<string> = new Set([
  'rahman', 'rahim', 'aziz', 'karim', 'hafiz', 'latif', 'qadir', 'kader', 'majid', 'hamid', 'jabbar', 'razzaq', 'razak', 'salam', 'wahab', 'ghani',
  'halim', 'hakim', 'jalil', 'malik', 'nasir', 'nasser', 'rauf', 'raouf', 'sattar', 'wahid', 'hadi', 'basit', 'fattah', 'muttalib', 'moneim', 'munim',
  'ilah', 'allah', 'alla', 'lah', 'llah', 'samad', 'qader', 'kareem', 'raheem', 'lateef', 'majeed', 'hameed', 'haleem', 'jaleel', 'wahhab', 'ghafour', 'ghafur',
]);

/**
 * The key of the Arabic given name a folded word spells (GROUPS), or undefined when it spells none: `mohammed` and
 * `muhammad` give `muhammad`; with the article joined (as names are normalised: `alhassan`) the article and the
 * name's key (`alhasan`); `abd` and a name in one word (`abdulrahman`, `abdelrahman`) the prefix and the rest
 * (`abdrahman`).
 */
export function arabicNameKey(word: string): string | undefined {
  const key = KEY_OF.get(word);
  if (key !== undefined) return key;
  if (word.length > 4 && (word.startsWith('al') || word.startsWith('el'))) {
    const rest = KEY_OF.get(word.slice(2));
    if (rest !== undefined) return `al${rest}`;
  }
  const abd = ABD.exec(word);
  if (abd !== null && AFTER_ABD.has(abd[1])) return `abd${KEY_OF.get(abd[1]) ?? abd[1]}`;
  return undefined;
}
