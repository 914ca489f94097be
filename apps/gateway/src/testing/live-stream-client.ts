import { type Browser } from './gateway-test-kit';

/** One Server-Sent Events message as a browser's EventSource would hand it over. */
export interface ReceivedMessage {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: unknown;
}

/**
 * A test's EventSource: opens `path` with the browser's cookies (or none), keeps every message and
 * comment it reads until closed or ended. A refusal (not 200) is read as its JSON body.
 */
export class LiveStreamClient {
  readonly messages: ReceivedMessage[] = [];
  readonly comments: string[] = [];
  ended = false;
  status = 0;
  headers = new Headers();
  refusal: unknown;
  private readonly abort = new AbortController();
  private reading: Promise<void> = Promise.resolve();

  static async open(
    base: string,
    path: string,
    browser?: Browser,
    headers: Record<string, string> = {},
  ): Promise<LiveStreamClient> {
    const client = new LiveStreamClient();
    const cookie = browser
      ? [...browser.cookies]
          .filter(([name]) => name !== 'ecogate_refresh')
          .map(([name, value]) => `${name}=${value}`)
          .join('; ')
      : '';
    const response = await fetch(`${base}${path}`, {
      headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}), ...headers },
      signal: client.abort.signal,
    });
    client.status = response.status;
    client.headers = response.headers;
    if (response.status !== 200 || !response.body) {
      const text = await response.text();
      client.refusal = text ? (JSON.parse(text) as unknown) : undefined;
      client.ended = true;
      return client;
    }
    client.reading = client.read(response.body);
    return client;
  }

  /** Messages of one event name, their `data`. */
  data(event: string): unknown[] {
    return this.messages.filter((m) => m.event === event).map((m) => m.data);
  }

  ids(): (string | undefined)[] {
    return this.messages.map((m) => m.id);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.reading;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by close()
    } finally {
      this.ended = true;
    }
  }

  private take(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) this.messages.push({ id, event, data: JSON.parse(data.join('\n')) as unknown });
  }
}
