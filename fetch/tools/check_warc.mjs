// Reads WARC files with the independent `warcio` package and checks every record:
// WARC-Block-Digest over the block, and WARC-Payload-Digest over the HTTP body of
// response records. Usage: node check_warc.mjs FILE... (exit 1 on any problem).
import { WARCParser } from 'warcio';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';

function base32(bytes) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0, out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
const digest = (bytes) => 'sha1:' + base32(createHash('sha1').update(bytes).digest());

let problems = 0;
for (const file of process.argv.slice(2)) {
  const counts = {};
  // Pass 1: whole blocks.
  for await (const record of new WARCParser(createReadStream(file), { parseHttp: false })) {
    const type = record.warcType;
    counts[type] = (counts[type] || 0) + 1;
    const block = await record.readFully();
    const want = record.warcHeader('WARC-Block-Digest');
    if (want && digest(block) !== want) {
      console.error(`${file}: ${type} ${record.warcTargetURI}: block digest differs`);
      problems++;
    }
  }
  // Pass 2: HTTP payloads of responses.
  for await (const record of new WARCParser(createReadStream(file), { parseHttp: true })) {
    if (record.warcType !== 'response') {
      await record.skipFully();
      continue;
    }
    const payload = await record.readFully(false);
    const want = record.warcPayloadDigest;
    if (!want || digest(payload) !== want) {
      console.error(`${file}: response ${record.warcTargetURI}: payload digest differs`);
      problems++;
    }
  }
  console.log(`${file}: ${JSON.stringify(counts)}`);
}
process.exit(problems ? 1 : 0);
