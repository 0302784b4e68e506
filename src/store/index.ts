export { lazyStore } from './lazy.ts';
export { openStore, type StoreSettings } from './open.ts';
export {
  createRecorder,
  NO_RECORDER,
  RECORD_MODES,
  type Recorder,
  type RecordMode,
} from './recorder.ts';
export { scheduleRetention } from './retention.ts';
export { type Recording, type RecordingSettings, startRecording } from './setup.ts';

export * from './types.ts';
