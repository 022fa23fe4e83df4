import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/**
 * A real SMTP listener for tests: it receives what the delivery worker sends and decodes each
 * message (headers, encoded words, multipart, base64 and quoted-printable) into plain strings.
 */
export type Mail = {
  from: string;
  to: string[];
  subject: string;
  headers: Map<string, string>;
  text: string;
  html: string;
};

export type Mailbox = Awaited<ReturnType<typeof startMailbox>>;

/** The SMTP port of the e2e server's mailbox, chosen free by playwright.config.ts. */
export function e2eSmtpPort() {
  return Number(process.env.E2E_SMTP_PORT);
}

export async function startMailbox(port = 0) {
  const messages: Mail[] = [];
  const failures: number[] = [];
  const received: ((mail: Mail) => void | Promise<void>)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    async onData(stream: SMTPServerDataStream, session, callback) {
      const raw = await readAll(stream);
      const code = failures.shift();
      if (code) {
        callback(Object.assign(new Error(`Try again later (${code})`), { responseCode: code }));
        return;
      }
      const mail = parseMessage(raw);
      mail.to = session.envelope.rcptTo.map((r) => r.address);
      messages.push(mail);
      for (const listener of received) await listener(mail);
      callback();
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    messages,
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    /** The next `count` messages are refused with `code` (451: try again later; 550: never). */
    refuseNext(count: number, code = 451) {
      for (let i = 0; i < count; i++) failures.push(code);
    },
    /** Runs before the server answers that it accepted a message. */
    onReceive(listener: (mail: Mail) => void | Promise<void>) {
      received.push(listener);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readAll(stream: SMTPServerDataStream) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function splitHeaders(raw: string) {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeQuotedPrintable(text: string) {
  const bytes: number[] = [];
  const joined = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects. */
export function decodeWords(value: string) {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeBody(body: string, encoding = '') {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) return decodeQuotedPrintable(body);
  return body;
}

function collectParts(raw: string, found: { text: string; html: string }) {
  const { headers, body } = splitHeaders(raw);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const sections = body.split(`--${boundary}`).slice(1, -1);
    for (const section of sections) collectParts(section.replace(/^\r?\n/, ''), found);
    return;
  }
  const decoded = decodeBody(body, headers.get('content-transfer-encoding'));
  if (/^text\/html/i.test(type)) found.html += decoded;
  else if (/^text\/plain/i.test(type)) found.text += decoded;
}

export function parseMessage(raw: string): Mail {
  const { headers } = splitHeaders(raw);
  const parts = { text: '', html: '' };
  collectParts(raw, parts);
  return {
    from: decodeWords(headers.get('from') ?? ''),
    to: [],
    subject: decodeWords(headers.get('subject') ?? ''),
    headers,
    ...parts,
  };
}
