import { DataSource } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { OBJECT_STORAGE, type VideoArchiveExtension } from '../app/video-archive.module';
import { SegmentWindowRepository } from '../clips/segment-window.repository';
import { VideoClipRepository } from '../clips/video-clip.repository';
import { PlaybackController } from './playback.controller';
import { PlaybackService, type PlaybackSettings } from './playback.service';

/**
 * The playback API as an extension of the service's HTTP app, which provides the DataSource and
 * the `OBJECT_STORAGE` whose links it hands out: presigned URLs on MinIO, signed links (served by
 * the gateway) on the filesystem store.
 */
export function playbackExtension(settings: PlaybackSettings): VideoArchiveExtension {
  return {
    controllers: [PlaybackController],
    providers: [
      {
        provide: PlaybackService,
        useFactory: (dataSource: DataSource, storage: ObjectStorage) =>
          new PlaybackService(
            new VideoClipRepository(dataSource),
            new SegmentWindowRepository(dataSource),
            storage,
            settings,
          ),
        inject: [DataSource, OBJECT_STORAGE],
      },
    ],
  };
}
