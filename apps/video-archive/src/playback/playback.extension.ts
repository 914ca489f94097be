import { DataSource } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { type VideoArchiveExtension } from '../app/video-archive.module';
import { SegmentWindowRepository } from '../clips/segment-window.repository';
import { VideoClipRepository } from '../clips/video-clip.repository';
import { PlaybackController } from './playback.controller';
import { PlaybackService, type PlaybackSettings } from './playback.service';

/** The playback API as an extension of the service's HTTP app (which provides the DataSource). */
export function playbackExtension(storage: ObjectStorage, settings: PlaybackSettings): VideoArchiveExtension {
  return {
    controllers: [PlaybackController],
    providers: [
      {
        provide: PlaybackService,
        useFactory: (dataSource: DataSource) =>
          new PlaybackService(
            new VideoClipRepository(dataSource),
            new SegmentWindowRepository(dataSource),
            storage,
            settings,
          ),
        inject: [DataSource],
      },
    ],
  };
}
