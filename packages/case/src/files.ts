import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { serializeCase } from './serialize';
import type { CaseFile } from './types';
import { CaseError, parseCase } from './validate';

/** Reads and checks a case file; a missing file, unreadable file or invalid case is a CaseError naming the file. */
export function readCaseFile(path: string): CaseFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CaseError(code === 'ENOENT' ? `${path}: no such case file` : `${path}: cannot be read (${code ?? (err as Error).message})`);
  }
  return parseCase(text, path);
}

/**
 * Writes a file so that a crash at any moment leaves either the old content or the new, never a mix: the text goes to
 * a temporary file beside it, is flushed to the disk (fsync), then renamed over the file, and the folder is flushed
 * so that the rename itself survives a power cut. Returns only once all of that is done.
 */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | null = openSync(temp, 'w', 0o600);
  try {
    const buffer = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < buffer.length) done += writeSync(fd, buffer, done, buffer.length - done);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, path);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw err;
  }
  try {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some systems cannot open or flush a folder; the rename is done all the same.
  }
}

/** Writes a case file atomically (writeFileAtomic). */
export function writeCaseFile(path: string, c: CaseFile): void {
  writeFileAtomic(path, serializeCase(c));
}
