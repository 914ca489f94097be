import { Controller, Delete, Get, HttpCode, Inject, Put, Query, Req } from '@nestjs/common';
import { formatIssues } from '@ecogate/platform-protocol';
import type { IncomingMessage } from 'node:http';
import { PlatformException } from '../errors/platform.exception';
import { FaultInjector } from '../faults/fault-injector';
import { type FaultSettings, faultSettingsSchema } from '../faults/fault-settings.schema';
import { parseJsonBody } from '../ingest/json-body';
import { type EnterpriseLiveness, LivenessTracker } from '../state/liveness-tracker';
import { RecordStore, type StoredRecord } from '../state/record-store';
import { SimulatorStats } from '../state/simulator-stats';
import { TcpPlatformServer } from '../tcp/tcp-platform.server';
import { type TcpSessionView } from '../tcp/tcp-session';
import { ListenerControl } from './listener-control';
import { readRawBody } from './raw-body';

const MAX_CONTROL_BODY_BYTES = 64 * 1024;

/** The simulator's control API, for tests and operators; never part of the platform protocol. */
@Controller('_sim')
export class SimAdminController {
  constructor(
    @Inject(FaultInjector) private readonly faults: FaultInjector,
    @Inject(ListenerControl) private readonly listeners: ListenerControl,
    @Inject(RecordStore) private readonly store: RecordStore,
    @Inject(SimulatorStats) private readonly stats: SimulatorStats,
    @Inject(LivenessTracker) private readonly liveness: LivenessTracker,
    @Inject(TcpPlatformServer) private readonly tcp: TcpPlatformServer,
  ) {}

  @Put('faults')
  async setFaults(@Req() req: IncomingMessage): Promise<FaultSettings> {
    const parsed = faultSettingsSchema.safeParse(
      parseJsonBody(await readRawBody(req, MAX_CONTROL_BODY_BYTES)),
    );
    if (!parsed.success) throw new PlatformException('invalid-request', formatIssues(parsed.error.issues));
    this.faults.configure(parsed.data);
    await this.listeners.setDown(parsed.data.down);
    return this.faults.settings;
  }

  @Get('faults')
  getFaults(): FaultSettings {
    return this.faults.settings;
  }

  /** What the platform accepted, in arrival order, optionally for one enterprise. */
  @Get('records')
  records(@Query('enterpriseCode') enterpriseCode?: string): { count: number; records: StoredRecord[] } {
    const records = this.store.list(enterpriseCode || undefined);
    return { count: records.length, records };
  }

  /** Forgets accepted records, remembered serials and counters (faults and liveness stay). */
  @Delete('records')
  @HttpCode(204)
  reset(): void {
    this.store.clear();
    this.stats.reset();
  }

  @Get('stats')
  getStats(): Omit<SimulatorStats, 'reset' | 'injectedFaults'> & {
    injectedFaults: SimulatorStats['injectedFaults'] & { total: number };
    storedRecords: number;
    evictedRecords: number;
  } {
    const { injectedFaults, ...counters } = this.stats;
    const total = Object.values(injectedFaults).reduce((sum, n) => sum + n, 0);
    return {
      ...counters,
      injectedFaults: { ...injectedFaults, total },
      storedRecords: this.store.size,
      evictedRecords: this.store.evicted,
    };
  }

  /** Liveness as the platform judges it from heartbeats, and the open TCP sessions. */
  @Get('liveness')
  getLiveness(): {
    heartbeatIntervalSeconds: number;
    deadAfterSeconds: number;
    enterprises: EnterpriseLiveness[];
    tcpSessions: TcpSessionView[];
  } {
    return {
      heartbeatIntervalSeconds: this.liveness.heartbeatIntervalMs / 1000,
      deadAfterSeconds: this.liveness.deadAfterMs / 1000,
      enterprises: this.liveness.snapshot(Date.now()),
      tcpSessions: this.tcp.sessions(),
    };
  }
}
