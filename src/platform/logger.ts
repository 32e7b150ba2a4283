import pino from 'pino';
import { env } from './env';

/** The one structured logger (JSON lines on stdout). */
export const logger = pino({ level: env.logLevel, base: { service: 'nhip' } });
