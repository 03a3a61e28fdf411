/**
 * SSE subscribers for the load benchmark's fan-out case, in their own process so that parsing every
 * subscriber's events competes neither with the server's event loop nor with autocannon's. Started
 * with the stream URL, a token and a count; tells its parent "ready" once every stream is open, and
 * on "report" answers with how many `message.created` events each stream got and, per message id,
 * when (epoch ms) the last stream got it.
 */
import http from 'node:http';

const [url, token, countText] = process.argv.slice(2);
const count = Number(countText);
const agent = new http.Agent({ keepAlive: true, maxSockets: count + 10 });
const now = () => performance.timeOrigin + performance.now();
const perStream = new Array(count).fill(0);
const lastArrival = new Map();
let open = 0;

for (let i = 0; i < count; i++) {
  const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
    if (res.statusCode !== 200) {
      process.send?.({ type: 'error', message: `stream ${i} answered ${res.statusCode}` });
      return;
    }
    open += 1;
    if (open === count) process.send?.({ type: 'ready' });
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk) => {
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (!frame.startsWith('event: message.created')) continue;
        const data = JSON.parse(frame.slice(frame.indexOf('data: ') + 6));
        perStream[i] += 1;
        lastArrival.set(data.messageId, now());
      }
    });
  });
  req.on('error', (error) => process.send?.({ type: 'error', message: String(error) }));
}

process.on('message', (message) => {
  if (message === 'report') {
    process.send?.({ type: 'report', perStream, arrivals: [...lastArrival] });
  } else if (message === 'reset') {
    perStream.fill(0);
    lastArrival.clear();
  } else if (message === 'exit') {
    process.exit(0);
  }
});
