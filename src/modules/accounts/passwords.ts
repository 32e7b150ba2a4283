import argon2 from 'argon2';
import { AppError } from '../../platform/errors';

/** Hashes with argon2id (OWASP parameters: 19 MiB, 2 iterations). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}

/** Minimum password policy; long passphrases beat composition rules (NIST SP 800-63B). */
export function assertPasswordPolicy(password: string): void {
  if (password.length < 10) {
    throw new AppError('VALIDATION_FAILED', 'Password must have at least 10 characters', {
      invalidFields: [{ path: 'password', message: 'at least 10 characters' }],
    });
  }
  if (password.length > 256) {
    throw new AppError('VALIDATION_FAILED', 'Password is too long', {
      invalidFields: [{ path: 'password', message: 'at most 256 characters' }],
    });
  }
}
