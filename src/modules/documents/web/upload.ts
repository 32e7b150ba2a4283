import { ApiError } from '../../../web/api';

/** Reads the CSRF cookie set at sign-in (not HttpOnly by design: double-submit). */
function csrfToken(): string {
  const match = /(?:^|;\s*)nhip_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : '';
}

/** Sends multipart form data (the shared client only sends JSON or a raw body); problems become ApiError. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-csrf-token': csrfToken() },
  });
  const body = (await response.json().catch(() => ({}))) as { code?: string; details?: Record<string, unknown> };
  if (!response.ok) throw new ApiError({ code: body.code ?? 'BAD_REQUEST', status: response.status, details: body.details });
  return body as T;
}
