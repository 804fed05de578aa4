// A stand-in mail server for the end-to-end run: it accepts every message over SMTP (as the
// app sends them in production) and writes each one to a file in a folder, where the tests
// read the links people would find in their inbox. Usage: node mailbox.mjs FOLDER PORT
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder, port] = process.argv.slice(2);
mkdirSync(folder, { recursive: true });
let count = 0;

createServer((socket) => {
  socket.setEncoding('utf8');
  socket.write('220 mailbox ESMTP\r\n');
  let pending = '';
  let data = null;
  socket.on('data', (chunk) => {
    pending += chunk;
    let end;
    while ((end = pending.indexOf('\r\n')) >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 2);
      if (data !== null) {
        if (line === '.') {
          count += 1;
          writeFileSync(join(folder, `${Date.now()}-${count}.eml`), data.join('\n'));
          data = null;
          socket.write('250 queued\r\n');
        } else {
          data.push(line.startsWith('..') ? line.slice(1) : line);
        }
        continue;
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO' || verb === 'HELO') socket.write('250 mailbox\r\n');
      else if (verb === 'DATA') {
        data = [];
        socket.write('354 go ahead\r\n');
      } else if (verb === 'QUIT') {
        socket.end('221 bye\r\n');
      } else socket.write('250 ok\r\n');
    }
  });
  socket.on('error', () => {});
}).listen(Number(port), '127.0.0.1');
