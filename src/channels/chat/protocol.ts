/**
 * The website chat widget's WebSocket protocol: JSON frames, one per WebSocket message. The widget
 * (widget/src) imports these types only; this file must stay free of Node imports.
 */
import { z } from 'zod';

/** Longest message a visitor may send, in characters. */
export const VISITOR_TEXT_MAX = 4000;

/** Ids the widget makes up for its messages (a UUID), so a resend after a reconnect dedupes. */
const clientId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'id must be 8-64 letters, digits or dashes');

/** Absent: unchanged; empty or null: cleared. */
const optionalField = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));

/** What the widget may send; anything else is refused (and counted against the socket). */
export const clientFrameSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('hello'),
      /** The visitor token the widget keeps in its first-party cookie, when it has one. */
      token: z.string().max(300).nullish(),
      /** The page the visitor is on (shown to agents). */
      page: z.string().max(2048).nullish(),
    })
    .strict(),
  z
    .object({
      type: z.literal('send'),
      id: clientId,
      text: z
        .string()
        .trim()
        .min(1, 'message is empty')
        .max(VISITOR_TEXT_MAX, `message is longer than ${VISITOR_TEXT_MAX} characters`),
    })
    .strict(),
  z
    .object({
      type: z.literal('profile'),
      name: optionalField(100),
      email: optionalField(254)
        .refine((v) => !v || z.email().safeParse(v).success, 'that does not look like an email address')
        .transform((v) => v?.toLowerCase()),
    })
    .strict(),
]);

/** A frame from the widget, validated. */
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** What the visitor told us about themselves. */
export interface VisitorProfile {
  name: string | null;
  email: string | null;
}

/** One chat message as the widget shows it: the visitor's own, or an agent's reply. */
export interface WidgetMessage {
  /** Rapport's id of the message (stable across reconnects). */
  id: string;
  /** The widget's own id for a visitor message (null for agent replies). */
  clientId: string | null;
  from: 'visitor' | 'agent';
  text: string;
  /** Epoch milliseconds. */
  at: number;
  /** The agent's name on replies. */
  name: string | null;
  /** For a reply: the client id of the visitor message it answers. */
  replyTo: string | null;
}

/** Languages the widget speaks (widget/src/locales has one file each). */
export const WIDGET_LANGUAGES = ['en', 'de', 'es', 'fr'] as const;

/** One of the widget's languages. */
export type WidgetLanguage = (typeof WIDGET_LANGUAGES)[number];

/**
 * The chat window's title and first line when the business has not written its own: the widget shows
 * them in the visitor's language instead of these English words.
 */
export const WIDGET_DEFAULT_WORDS = { brandName: 'Chat with us', greeting: 'Hi! How can we help?' } as const;

/** How the widget looks, from the account's settings. */
export interface WidgetAppearance {
  brandName: string;
  greeting: string;
  accentColor: string;
  /** The site's language for the widget, or 'auto' to follow each visitor's browser. */
  language: WidgetLanguage | 'auto';
}

/** What the server sends the widget. */
export type ServerFrame =
  | {
      type: 'welcome';
      /** The visitor token to keep (a fresh one when the presented token was missing or invalid). */
      token: string;
      visitor: VisitorProfile;
      widget: WidgetAppearance;
      /** The visitor's own conversation so far, oldest first. */
      messages: WidgetMessage[];
    }
  /** A visitor message is stored (sent only after it is persisted). */
  | { type: 'ack'; id: string; message: WidgetMessage }
  /** A new message in the visitor's conversation (an agent reply, or one from another tab). */
  | { type: 'message'; message: WidgetMessage }
  /** Nobody answered in time: ask for an email address so replies can follow by email. */
  | { type: 'ask_email' }
  | { type: 'profile'; visitor: VisitorProfile }
  | { type: 'error'; code: string; message: string; id?: string };
