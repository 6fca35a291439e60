// The `mc` of the MinIO stand-in image: the three MinIO client commands the compose file uses, nothing more.
//   mc alias set NAME URL ACCESS_KEY SECRET_KEY   saved to ~/.mc/config.json, as mc does
//   mc mb [--ignore-existing] NAME/BUCKET...      PUT /BUCKET signed with AWS Signature V4
//   mc ready NAME                                 exits 0 once the server answers HTTP (alias `local` = 127.0.0.1:9000)
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const configPath = path.join(process.env.HOME || '/root', '.mc', 'config.json');
const readAliases = () => (fs.existsSync(configPath) ? JSON.parse(fs.readFileSync(configPath, 'utf8')).aliases : {});
const fail = message => { console.error(`mc: ${message}`); process.exit(1); };

function aliasOf(name) {
  const alias = readAliases()[name];
  if (alias) return alias;
  if (name === 'local') return { url: 'http://127.0.0.1:9000', accessKey: process.env.MINIO_ROOT_USER, secretKey: process.env.MINIO_ROOT_PASSWORD };
  return fail(`no alias '${name}' (run: mc alias set ${name} URL ACCESS_KEY SECRET_KEY)`);
}

const sha256 = data => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();

// One request with an empty body, signed with Signature V4 (region us-east-1, service s3).
function request(alias, method, pathName) {
  const url = new URL(pathName, alias.url);
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers = { host: url.host, 'x-amz-content-sha256': sha256(''), 'x-amz-date': amzDate };
  const signed = Object.keys(headers).sort();
  const canonical = [method, url.pathname, '', ...signed.map(h => `${h}:${headers[h]}`), '', signed.join(';'), headers['x-amz-content-sha256']].join('\n');
  const scope = `${day}/us-east-1/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${alias.secretKey}`, day);
  for (const part of ['us-east-1', 's3', 'aws4_request']) key = hmac(key, part);
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${alias.accessKey}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${hmac(key, toSign).toString('hex')}`;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, timeout: 5000 }, res => {
      let body = '';
      res.on('data', chunk => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function main([command, ...args]) {
  if (command === 'alias' && args[0] === 'set' && args.length === 5) {
    const [, name, url, accessKey, secretKey] = args;
    const aliases = { ...readAliases(), [name]: { url, accessKey, secretKey } };
    fs.mkdirSync(path.dirname(configPath), { recursive: true });
    fs.writeFileSync(configPath, JSON.stringify({ version: '10', aliases }, null, 2));
    console.log(`Added \`${name}\` successfully.`);
  } else if (command === 'mb') {
    const ignoreExisting = args.includes('--ignore-existing') || args.includes('-p');
    for (const target of args.filter(a => !a.startsWith('-'))) {
      const [name, bucket] = target.split('/');
      if (!bucket) fail(`'${target}' is not ALIAS/BUCKET`);
      const response = await request(aliasOf(name), 'PUT', `/${bucket}`);
      const exists = response.status === 409 && /BucketAlready(Exists|OwnedByYou)/.test(response.body);
      if (response.status === 200) console.log(`Bucket created successfully \`${target}\`.`);
      else if (exists && ignoreExisting) console.log(`Bucket \`${target}\` already exists.`);
      else fail(`cannot create bucket ${target}: HTTP ${response.status} ${response.body.slice(0, 200)}`);
    }
  } else if (command === 'ready' && args.length === 1) {
    await request(aliasOf(args[0]), 'GET', '/');
    console.log(`The cluster is ready`);
  } else {
    fail(`this stand-in knows only: alias set, mb, ready (got: ${[command, ...args].join(' ')})`);
  }
}

main(process.argv.slice(2)).catch(error => fail(error.message));
