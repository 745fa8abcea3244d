// Webhook deliveries leave Belong's network, never enter it (SSRF). A webhook URL is refused when
// its host is, or resolves to, an address of Belong's own networks: loopback, private (RFC 1918,
// fc00::/7), link-local (169.254.0.0/16 with the cloud metadata address, fe80::/10), shared
// (CGNAT, 100.64.0.0/10), unspecified, multicast or reserved. Checked twice: when the URL is
// registered, and on every delivery against the very addresses the connection then uses (the
// socket's DNS lookup is the checked one), so a name that resolved to a public address at
// registration and to 127.0.0.1 later (DNS rebinding) is refused. Off with
// WEBHOOK_ALLOW_PRIVATE_NETWORKS (development and tests, whose receivers run on 127.0.0.1).
import { lookup as lookupCallback } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const ranges: [kind: string, network: string, prefix: number, type: 'ipv4' | 'ipv6'][] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['shared (CGNAT)', '100.64.0.0', 10, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
];
// One list per kind, so the reason can say which. BlockList checks an IPv4-mapped IPv6 address
// (::ffff:127.0.0.1) against the IPv4 rules.
const lists = new Map<string, BlockList>();
for (const [kind, network, prefix, type] of ranges) {
  const list = lists.get(kind) ?? new BlockList();
  list.addSubnet(network, prefix, type);
  lists.set(kind, list);
}

/** The kind of network an IP address belongs to when webhooks may not reach it, else null. */
export function refusedKind(address: string): string | null {
  const version = isIP(address);
  if (version === 0) return null;
  for (const [kind, list] of lists) {
    if (list.check(address, version === 4 ? 'ipv4' : 'ipv6')) return kind;
  }
  return null;
}

/** A delivery that was not attempted because of where it would have gone. */
export class RefusedTargetError extends Error {
  override name = 'RefusedTargetError';
}

const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');
const article = (kind: string) => (/^[aeiou]/.test(kind) ? 'an' : 'a');
const isWords = (address: string, kind: string) => `${address} is ${article(kind)} ${kind} address`;
const resolvesWords = (host: string, address: string, kind: string) =>
  `${host} resolves to ${address}, ${article(kind)} ${kind} address`;

/**
 * Why this URL's host may not receive webhooks (it is, or resolves to, an address of our own
 * networks), or null. A name that does not resolve now is not refused here: every delivery checks
 * it again.
 */
export async function privateTarget(url: URL): Promise<string | null> {
  const host = bare(url.hostname);
  if (isIP(host)) {
    const kind = refusedKind(host);
    return kind ? isWords(host, kind) : null;
  }
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return null;
  }
  for (const { address } of addresses) {
    const kind = refusedKind(address);
    if (kind) return resolvesWords(host, address, kind);
  }
  return null;
}

/** The socket's DNS lookup, refusing every answer that contains a refused address. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    for (const { address } of addresses) {
      const kind = refusedKind(address);
      if (kind) return callback(new RefusedTargetError(resolvesWords(hostname, address, kind)), '', 0);
    }
    const first = addresses[0];
    if (options.all) return callback(null, addresses);
    return callback(null, first?.address ?? '', first?.family ?? 4);
  });
};

export interface PostOptions {
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: skip the address checks (development and tests). */
  allowPrivate: boolean;
}

/**
 * POSTs `body` to `url` and answers the HTTP status (redirects are not followed; the answer's
 * body is not read). Rejects with RefusedTargetError when the target is refused, a TimeoutError
 * after `timeoutMs`, or the connection's error.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return reject(new RefusedTargetError('the URL is not valid'));
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:') {
      return reject(new RefusedTargetError(`the scheme ${target.protocol} is not http or https`));
    }
    if (target.username || target.password) {
      return reject(new RefusedTargetError('the URL carries a user name or password'));
    }
    const host = bare(target.hostname);
    // An IP literal never goes through the lookup: check it here.
    const kind = options.allowPrivate ? null : refusedKind(host);
    if (kind) return reject(new RefusedTargetError(isWords(host, kind)));
    const signal = AbortSignal.timeout(options.timeoutMs);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal,
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on('error', (error) => {
      reject(signal.aborted ? Object.assign(new Error('timeout'), { name: 'TimeoutError' }) : error);
    });
    request.end(body);
  });
}
