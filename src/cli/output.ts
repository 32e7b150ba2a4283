import { AppError } from '../platform/errors';

/** Prints a result as JSON (`--json`) or as readable text. */
export function printResult(value: unknown, options: { json?: boolean }, toText?: (value: never) => string): void {
  if (options.json || !toText) process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  else process.stdout.write(toText(value as never) + '\n');
}

/** Turns any failure into a message on stderr and exit code 1 (JSON problem with --json). */
export function reportFailure(error: unknown, isJson: boolean): never {
  const appError = error instanceof AppError ? error : undefined;
  if (isJson) {
    process.stderr.write(
      JSON.stringify({
        error: appError?.code ?? 'ERROR',
        message: (error as Error).message,
        invalidFields: appError?.invalidFields,
      }) + '\n',
    );
  } else {
    process.stderr.write(`Error${appError ? ` [${appError.code}]` : ''}: ${(error as Error).message}\n`);
    for (const field of appError?.invalidFields ?? []) process.stderr.write(`  - ${field.path}: ${field.message}\n`);
  }
  process.exit(1);
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
