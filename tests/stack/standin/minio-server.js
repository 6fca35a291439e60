// The S3 server of the MinIO stand-in image: `minio server /data ...` as the compose file runs it, served by s3rver
// through the launcher the storage tests use (tests/s3rver/start-s3rver.js, with its S3 compatibility fixes).
// Differences from that launcher's defaults, so that the stand-in keeps MinIO's endpoint and credentials:
//  - it listens on 0.0.0.0:9000 (other containers reach it as minio:9000), not on 127.0.0.1;
//  - it accepts MINIO_ROOT_USER / MINIO_ROOT_PASSWORD as the access key, besides s3rver's built-in one;
//  - path-style requests only, as MinIO serves them: s3rver would otherwise read the host name `minio` as a bucket.
// MinIO's console (:9001) has no counterpart here.
'use strict';

const path = require('path');
const S3rver = require('s3rver');
const AWSAccount = require('s3rver/lib/models/account');

const args = process.argv.slice(2);
const directory = args[0] === 'server' && args[1] ? args[1] : '/data';
const { MINIO_ROOT_USER: user, MINIO_ROOT_PASSWORD: password } = process.env;
if (!user || !password) {
  console.error('MINIO_ROOT_USER and MINIO_ROOT_PASSWORD must be set');
  process.exit(2);
}
AWSAccount.DUMMY_ACCOUNT.createKeyPair(user, password);

// The launcher constructs s3rver with address 127.0.0.1: hand it a subclass that listens on every interface.
class AllInterfaces extends S3rver {
  constructor(options) {
    super({ ...options, address: '0.0.0.0', vhostBuckets: false });
  }
}
require.cache[require.resolve('s3rver')].exports = AllInterfaces;

process.argv = [process.argv[0], 'start-s3rver.js', directory, '9000'];
require(path.join(__dirname, 'start-s3rver.js'));
