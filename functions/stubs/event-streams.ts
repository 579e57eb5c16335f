/**
 * Stands in for @smithy/core/event-streams in the clean function's bundle. Event streams serve
 * S3's SelectObjectContent only; the function calls GetObject, HeadObject and PutObject. The S3
 * client wires a marshaller in at construction (resolveEventStreamSerdeConfig) and the protocol
 * imports the module with import() the first time an operation has an event stream, which makes
 * esbuild keep all of it (~20 KB of the minified bundle). Here the client still gets a marshaller,
 * one that fails with a clear error if an event stream is ever sent or read.
 *
 * Typed against the real module: an SDK release that changes these exports fails the type check,
 * and one that imports another name from it fails the bundling.
 */
import type * as EventStreams from '@smithy/core/event-streams';
import { leftOut } from './left-out.js';

function eventStreamsLeftOut(): never {
  throw leftOut('Event streams (S3 SelectObjectContent)', 'the clean function uses no operation that has one');
}

export const eventStreamSerdeProvider: typeof EventStreams.eventStreamSerdeProvider = () => ({
  serialize: eventStreamsLeftOut,
  deserialize: eventStreamsLeftOut,
});

/** As the real one: the marshaller comes from the configured provider. */
export const resolveEventStreamSerdeConfig: typeof EventStreams.resolveEventStreamSerdeConfig = (input) =>
  Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) });

/** Constructed by the protocol only for an operation with an event stream. */
export const EventStreamSerde = function EventStreamSerde() {
  eventStreamsLeftOut();
} as unknown as typeof EventStreams.EventStreamSerde;
