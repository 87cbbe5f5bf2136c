// Writes WARC files with the independent `warcio` package, for archive/tools/warcio_check.sh:
// the same ten records as a .warc.gz with one gzip member per record, as a plain .warc, and
// as a .warc.gz gzipped whole (one member). Usage: node warcio_fixtures.mjs CORPUS_DIR OUT_DIR
import { WARCRecord, WARCSerializer } from 'warcio';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [corpus, out] = process.argv.slice(2);
const page = (folder) => readFileSync(`${corpus}/${folder}/page.html`);
const date = '2024-05-24T10:00:00Z';
const base = 'https://warcio.example/';

function chunked(bytes) {
  const parts = [];
  for (let i = 0; i < bytes.length; i += 1000) {
    const part = bytes.subarray(i, i + 1000);
    parts.push(Buffer.from(part.length.toString(16) + '\r\n'), part, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

function response(url, status, headers, body) {
  return WARCRecord.create({
    url, date, type: 'response', warcVersion: 'WARC/1.1',
    statusline: `HTTP/1.1 ${status} X`, httpHeaders: headers,
  }, [body]);
}

const records = () => [
  WARCRecord.createWARCInfo({ filename: 'fixtures.warc.gz', warcVersion: 'WARC/1.1' },
                            { software: 'warcio.js' }),
  WARCRecord.create({ url: base + 'plain', date, type: 'request', warcVersion: 'WARC/1.1',
                      statusline: 'GET /plain HTTP/1.1', httpHeaders: { Host: 'warcio.example' } },
                    [new Uint8Array()]),
  response(base + 'plain', 200, { 'Content-Type': 'text/html' }, page('01-record-fentanyl-seizure')),
  response(base + 'gzipped', 200, { 'Content-Type': 'text/html; charset=utf-8',
                                    'Content-Encoding': 'gzip' },
           gzipSync(page('03-port-terminal-entities'))),
  response(base + 'chunked', 200, { 'Content-Type': 'text/html', 'Transfer-Encoding': 'chunked' },
           chunked(page('05-trade-deal-former-minister'))),
  response(base + 'missing', 404, { 'Content-Type': 'text/html' },
           Buffer.from('<html><body><p>Not found</p></body></html>')),
  response(base + 'logo.png', 200, { 'Content-Type': 'image/png' },
           Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  WARCRecord.create({ url: base + 'plain', date: '2024-05-25T10:00:00Z', type: 'revisit',
                      warcVersion: 'WARC/1.1', refersToUrl: base + 'plain', refersToDate: date,
                      statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html' },
                      warcHeaders: { 'WARC-Profile':
                        'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest' } },
                    [new Uint8Array()]),
  WARCRecord.create({ url: base + 'resource', date, type: 'resource', warcVersion: 'WARC/1.1',
                      warcHeaders: { 'Content-Type': 'text/html' } },
                    [page('04-festival-patrols')]),
  WARCRecord.create({ url: base + 'plain', date, type: 'metadata', warcVersion: 'WARC/1.1',
                      warcHeaders: { 'Content-Type': 'application/warc-fields' } },
                    [Buffer.from('via: ' + base + '\r\n')]),
];

const members = [], plain = [];
for (const r of records()) members.push(await WARCSerializer.serialize(r, { gzip: true }));
for (const r of records()) plain.push(await WARCSerializer.serialize(r, { gzip: false }));
writeFileSync(`${out}/members.warc.gz`, Buffer.concat(members));
writeFileSync(`${out}/plain.warc`, Buffer.concat(plain));
writeFileSync(`${out}/whole.warc.gz`, gzipSync(Buffer.concat(plain)));
