import type { InfraConfig } from '../config.ts';
import type { Log } from '../proc.ts';

/**
 * One server of the local stack. `install` and `start` are only called when the user has not
 * pointed us at their own server (`externalUrl`), and `install` must be cheap when done before.
 */
export interface Component {
  name: 'kafka' | 'mongo' | 'redis' | 'mailbox';
  title: string;
  /** Set when the user gave their own server's address (KAFKA_BROKERS, MONGO_URL, …). */
  externalUrl?: string;
  /** Where clients connect, e.g. `127.0.0.1:9092` or `mongodb://127.0.0.1:27017`. */
  url: string;
  /** Ports that must be free before we start it. */
  ports: number[];
  /** The variable that moves its port, for the "port in use" message. */
  portVariable: string;
  /** The variable that points at the user's own server instead. */
  urlVariable: string;
  readyTimeoutMs: number;
  install(log: Log): Promise<void>;
  /** Spawns the server detached and returns its pid. */
  start(log: Log): Promise<number>;
  /** A real protocol round trip: metadata, ping, PING, HTTP health. */
  ping(): Promise<boolean>;
  /** Human-facing extras for the status table, e.g. the mailbox web page. */
  links?: () => string[];
}

export type ComponentFactory = (config: InfraConfig) => Component;
