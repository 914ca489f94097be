import { verifierOptions } from '@ecogate/auth';
import { runService } from '@ecogate/telemetry';
import { uploadConfig } from './config/upload.config';
import { startUploadService } from './start-upload-service';

void runService('provincial-upload', () => {
  const config = uploadConfig.load();
  return {
    observability: config.observability,
    start: (logger) => startUploadService(config, verifierOptions(config.auth), logger),
  };
});
