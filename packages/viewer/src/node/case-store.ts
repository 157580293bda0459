import { assertCase, InvalidCaseError, serializeCase, type CaseFile } from '@chokepoint/case';
import { writeCaseFile } from '@chokepoint/case/files';

/** What a save sends: the case as the viewer has it now, and the revision it was made on. */
export interface CaseSave {
  base: number;
  case: CaseFile;
}

export type SaveResult = { ok: true; revision: number } | { ok: false; status: 409 | 400 | 500; message: string; revision?: number };

/**
 * The case file behind `chokepoint view --case`: the last case written, and its path. A save is accepted only when it
 * was made on the revision on disk (another window may have saved since: 409 with the current revision), only when
 * the body is a valid case, and it is acknowledged only once written (atomically: temp file, fsync, rename). A failed
 * write leaves both the file and this store as they were.
 */
export class CaseStore {
  private current: CaseFile;

  constructor(
    readonly path: string,
    initial: CaseFile,
    private readonly write: (path: string, c: CaseFile) => void = writeCaseFile,
  ) {
    this.current = initial;
  }

  get(): CaseFile {
    return this.current;
  }

  /** The JSON the viewer reads at start: the case and the file's name (not its folder). */
  json(): string {
    return JSON.stringify({ file: this.path.split(/[\\/]/).pop(), case: this.current });
  }

  save(body: unknown): SaveResult {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, status: 400, message: 'expected {"base": revision, "case": {…}}' };
    const { base, case: next, ...rest } = body as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return { ok: false, status: 400, message: `unknown property ${JSON.stringify(Object.keys(rest)[0])}` };
    if (!Number.isInteger(base)) return { ok: false, status: 400, message: '"base" must be the revision the change was made on' };
    let valid: CaseFile;
    try {
      valid = assertCase(next, 'the case sent');
    } catch (err) {
      return { ok: false, status: 400, message: err instanceof InvalidCaseError ? err.message : String(err) };
    }
    if (base !== this.current.revision) {
      return { ok: false, status: 409, revision: this.current.revision, message: `the case file was saved from another window (revision ${this.current.revision}, this change was made on ${base as number}): reload to see it` };
    }
    const written: CaseFile = { ...valid, revision: this.current.revision + 1 };
    try {
      this.write(this.path, written);
    } catch (err) {
      return { ok: false, status: 500, message: `cannot write ${this.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
    this.current = written;
    return { ok: true, revision: written.revision };
  }
}

export { serializeCase };
