import { ConfigError } from '../config/index.ts';

/**
 * Runs a command-line entry point: the exit code is what `main` returns; a configuration error is one clear
 * line on stderr (no stack trace); anything else unexpected is reported with its stack.
 */
export function runCli(main: () => Promise<number>): void {
  main()
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        if (error instanceof ConfigError) {
          console.error(error.message);
        } else {
          console.error('Unexpected error:', error);
        }
        process.exitCode = 1;
      },
    )
    .finally(() => {
      // A process spawned with an IPC channel (a shard under the ShardingManager) would otherwise stay alive.
      if (process.connected) process.disconnect();
    });
}
