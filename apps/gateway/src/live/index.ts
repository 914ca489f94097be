// The live lanes stream (Server-Sent Events), mounted by start-gateway.ts.
export { type LaneStreamLimits, LaneStreams, type LaneSubscriber } from './lane-streams';
export { createLiveFeed, LIVE_GROUP_PREFIX, LIVE_TOPICS, liveMessageOf } from './live-feed';
export { LIVE_LANES_PATH, LiveLanesController, type LiveOptions } from './live-lanes.controller';
export { LIVE_ERROR_STATUS, LiveError, type LiveErrorCode } from './live.errors';
export { LiveModule } from './live.module';
export { liveRoutes } from './live.openapi';
export { type SseSettings } from './sse-stream';
export { ledgerAlertViewSource, type AlertViewSource } from './alert-view-source';
export { ALERT_VIEW_STREAM_PATH, type AlertViewStreamOptions } from './alert-view-stream.controller';
