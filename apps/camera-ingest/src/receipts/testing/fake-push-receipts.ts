import { type PushClaim, type PushReceiptKey, type PushReceipts } from '../push-receipt.repository';

/** The receipts table in memory: first claim wins, an unpublished claim is in flight. */
export class FakeReceipts implements PushReceipts {
  readonly rows = new Map<string, { published: boolean }>();
  private readonly id = (key: PushReceiptKey) => `${key.deviceId}|${key.vendorKey}`;

  async claim(key: PushReceiptKey): Promise<PushClaim> {
    const row = this.rows.get(this.id(key));
    if (!row) {
      this.rows.set(this.id(key), { published: false });
      return { kind: 'claimed' };
    }
    return row.published ? { kind: 'published' } : { kind: 'in-flight', leaseLeftMs: 25_000 };
  }

  async markPublished(key: PushReceiptKey): Promise<void> {
    this.rows.set(this.id(key), { published: true });
  }

  async release(key: PushReceiptKey): Promise<void> {
    if (!this.rows.get(this.id(key))?.published) this.rows.delete(this.id(key));
  }
}
