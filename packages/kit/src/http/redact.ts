/** A URL fit for logs and error messages: credentials masked. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}

// Query parameters that carry credentials: signed email-link tokens, API keys.
const SECRET_PARAMS = /^(token|sig|signature|key|api_?key|access_token|code)$/i;

/** A request URL fit for logs: secret query values masked, the rest kept for debugging. */
export function redactRequestUrl(url: string): string {
  const question = url.indexOf('?');
  if (question === -1) return url;
  const params = new URLSearchParams(url.slice(question + 1));
  let changed = false;
  for (const name of [...params.keys()]) {
    if (SECRET_PARAMS.test(name)) {
      params.set(name, '***');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, question)}?${params.toString()}` : url;
}
