import { type Agent, RichText } from '@atproto/api';
import { SendError } from '../../platform/errors.js';

/** Bluesky's limits on a post's text: 300 graphemes (what people see as characters), 3000 bytes. */
export const POST_MAX_GRAPHEMES = 300;
const POST_MAX_BYTES = 3000;

/** The text of a reply with its facets: mentions (resolved to DIDs through `agent`) and links. */
export async function composePost(
  text: string,
  agent: Agent | null,
): Promise<{ text: string; facets: RichText['facets'] }> {
  const rt = new RichText({ text: text.trim() });
  assertPostFits(rt);
  if (agent) await rt.detectFacets(agent);
  else rt.detectFacetsWithoutResolution();
  return { text: rt.text, facets: rt.facets };
}

/**
 * Refuses, before anything is sent, a text Bluesky would reject: empty, over 300 graphemes or over
 * 3000 bytes. The error is not retryable (the agent has to shorten the reply).
 */
export function assertPostFits(rt: RichText): void {
  if (rt.text.length === 0) throw new SendError('a Bluesky post cannot be empty', false);
  if (rt.graphemeLength > POST_MAX_GRAPHEMES) {
    throw new SendError(
      `the reply is ${rt.graphemeLength} characters long; Bluesky allows ${POST_MAX_GRAPHEMES} (shorten it by ${rt.graphemeLength - POST_MAX_GRAPHEMES})`,
      false,
    );
  }
  if (rt.length > POST_MAX_BYTES) {
    throw new SendError(`the reply is ${rt.length} bytes long; Bluesky allows ${POST_MAX_BYTES}`, false);
  }
}
