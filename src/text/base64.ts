/**
 * Base64 of byte arrays, as the model artifacts store their quantised weights: `btoa`/`atob`, so it runs in
 * Node and in the browser alike. Pure, no I/O.
 */

/**
 * Encodes bytes as base64, 32 KB of code units at a time (spreading a whole large array would overflow the
 * argument limit of `String.fromCharCode`).
 * @example toBase64(new Uint8Array([1, 2, 255])) // 'AQL/'
 */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * Decodes base64 into bytes.
 * @example fromBase64('AQL/') // Uint8Array [1, 2, 255]
 */
export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
