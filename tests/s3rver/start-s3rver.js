// Starts s3rver 3.7.1 on 127.0.0.1 for the S3 store tests.
// Usage: node --openssl-legacy-provider start-s3rver.js <data-directory> <port> [--exit-with-stdin] [--tls <cert.pem> <key.pem>]
//
// Why a launcher instead of the s3rver CLI, two bugs of s3rver 3.7.1 on Node 20:
// 1. It renders ListBuckets and ListObjects (v1 and v2) with the namespace "http://doc.s3.amazonaws.com/2006-03-01/"
// instead of S3's "http://s3.amazonaws.com/doc/2006-03-01/".
// The Minio .NET SDK deserialises such a listing as zero items without an error, so every listing looks empty.
// The middleware below rewrites the namespace in each rendered XML body before it leaves the server.
// 2. Its ListObjectsV2 continuation tokens are DES-encrypted, and Node 20's OpenSSL 3 only offers DES with the
// legacy provider: without it the second page of any listing longer than 1000 keys fails with HTTP 500.
// We cannot switch the provider on from inside the process, so we refuse to start without it.
// 3. It ignores encoding-type=url on listings and returns raw keys, while the Minio SDK always asks for it and
// URL-decodes what it gets: a key with '+' or '%' comes back changed. The middleware encodes such listings as S3 does.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const S3rver = require('s3rver');

const WRONG_NAMESPACE = 'xmlns="http://doc.s3.amazonaws.com/2006-03-01/"';
const S3_NAMESPACE = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

// Listing elements that S3 URL-encodes when a request says encoding-type=url.
const URL_ENCODED_ELEMENTS = /<(Key|Prefix|Delimiter|Marker|NextMarker|StartAfter)>([^<]*)<\/\1>/g;
const XML_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const [directory, portText, ...flags] = process.argv.slice(2);
const port = Number(portText);
const tlsAt = flags.indexOf('--tls');
const tls = tlsAt < 0 ? null : { cert: flags[tlsAt + 1], key: flags[tlsAt + 2] };
if (!directory || !Number.isInteger(port) || port < 0 || port > 65535 || (tls && !(tls.cert && tls.key))) {
  console.error('usage: node start-s3rver.js <data-directory> <port> [--exit-with-stdin] [--tls <cert.pem> <key.pem>]');
  process.exit(2);
}

try {
  crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
} catch {
  console.error('DES is unavailable, so listings over 1000 keys would fail: run node --openssl-legacy-provider start-s3rver.js ...');
  process.exit(2);
}

// With --tls it serves https with the given certificate (tests of MLFLOW_S3_IGNORE_TLS use a self-signed one).
const certificate = tls ? { cert: fs.readFileSync(tls.cert), key: fs.readFileSync(tls.key) } : {};
const server = new S3rver({ address: '127.0.0.1', port, directory, silent: false, ...certificate });

// First in the chain, so it runs last on the way out: after s3rver's own middleware has turned the
// response object into an XML string.
server.middleware.unshift(async (ctx, next) => {
  await next();
  if (typeof ctx.body !== 'string') return;
  if (ctx.body.includes(WRONG_NAMESPACE)) ctx.body = ctx.body.split(WRONG_NAMESPACE).join(S3_NAMESPACE);
  if (ctx.query['encoding-type'] === 'url' && ctx.body.includes('<ListBucketResult')) ctx.body = urlEncodeListing(ctx.body);
});

function urlEncodeListing(xml) {
  return xml
    .replace(URL_ENCODED_ELEMENTS, (_, name, text) => `<${name}>${encodeURIComponent(unescapeXml(text)).replace(/%2F/g, '/')}</${name}>`)
    .replace(/<ListBucketResult[^>]*>/, opening => `${opening}<EncodingType>url</EncodingType>`);
}

function unescapeXml(text) {
  return text.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (_, hex, decimal, named) =>
    named ? XML_ENTITIES[named] : String.fromCodePoint(parseInt(hex ?? decimal, hex ? 16 : 10)));
}

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  server.close().catch(() => {}).finally(() => process.exit(code));
}

server.run().then(
  address => console.log(`S3 ready on ${address.address}:${address.port}`),
  error => {
    console.error(`s3rver failed to start: ${error.message}`);
    process.exit(1);
  },
);

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));

// A test fixture passes --exit-with-stdin and keeps our stdin open; if the test process dies without
// stopping us, the pipe closes and the server goes with it instead of lingering on the port.
if (flags.includes('--exit-with-stdin')) {
  process.stdin.on('end', () => stop(0));
  process.stdin.resume();
}
