/**
 * Where an export's text goes, piece by piece: into one string (`toGexf` and the others, for small reports and
 * tests), or into a file as it is made (the CLI), so that no string holds a whole export. One JavaScript string
 * holds at most about 512 MB: a million entities with ten million ties exported as GEXF or CSV take gigabytes.
 */
export type TextSink = (text: string) => void;

/** The text an export sends to a sink, as one string. */
export function collected(write: (sink: TextSink) => void): string {
  const parts: string[] = [];
  write((text) => parts.push(text));
  return parts.join('');
}

/** Lines to a sink: each line passed on with its line break. */
export function lineSink(sink: TextSink): { push: (...lines: string[]) => void } {
  return {
    push: (...lines) => {
      for (const line of lines) sink(`${line}\n`);
    },
  };
}
