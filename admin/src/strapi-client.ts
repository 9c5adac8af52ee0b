import { fetchUtils, HttpError } from 'react-admin';

import { readApiUrl } from './env';
import { toHttpError } from './strapi-rest';

/**
 * One connection to Strapi's API: the base URL, the signed-in token and the mapping of Strapi's
 * error envelope to react-admin's HttpError. The data provider sends JSON through it; the
 * collections routes also fetch stored documents (a letter's PDF, a hand-off's dossier) as files.
 */

export interface StrapiClientOptions {
  /** Content API base URL. @defaultValue `VITE_STRAPI_URL`, else `http://127.0.0.1:1337/api` */
  apiUrl?: string;
  /** Returns the API token sent as `Authorization: Bearer …`, or null to send none. */
  getToken?: () => string | null;
  /** The HTTP function for JSON; tests pass their own. @defaultValue react-admin's `fetchJson` */
  fetchJson?: typeof fetchUtils.fetchJson;
  /** The HTTP function for files. @defaultValue the browser's `fetch` */
  fetch?: typeof fetch;
}

/** A Strapi JSON answer: `data`, and `meta.pagination` on lists. */
export interface StrapiJson {
  data: unknown;
  meta?: { pagination?: { page?: number; pageSize?: number; total?: number } };
}

/** A file Strapi sent, with the name it gave it when the browser lets us read it. */
export interface DownloadedFile {
  blob: Blob;
  filename: string | null;
}

export interface StrapiClient {
  /** Sends a request to `<apiUrl>/<path>` and returns the parsed JSON body. */
  json(path: string, init?: fetchUtils.Options): Promise<StrapiJson>;
  /** Fetches `<apiUrl>/<path>` as a file (with the token, which a plain link cannot send). */
  file(path: string, signal?: AbortSignal): Promise<DownloadedFile>;
}

/** `attachment; filename="letter.pdf"` → `letter.pdf`; null when absent or not exposed by CORS. */
export const filenameOf = (disposition: string | null): string | null => {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
};

interface ErrorEnvelope {
  error?: { message?: string };
}

const parseEnvelope = (text: string): ErrorEnvelope | null => {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null ? (body as ErrorEnvelope) : null;
  } catch {
    return null;
  }
};

/** The HttpError of a failed file request, read from Strapi's JSON envelope when there is one. */
const fileError = async (response: Response): Promise<unknown> => {
  const body = parseEnvelope(await response.text());
  const message = body?.error?.message ?? response.statusText;
  return toHttpError(new HttpError(message, response.status, body));
};

export const createStrapiClient = (options: StrapiClientOptions = {}): StrapiClient => {
  const apiUrl = (options.apiUrl ?? readApiUrl()).replace(/\/+$/, '');
  const fetchJson = options.fetchJson ?? fetchUtils.fetchJson;
  const getToken = options.getToken ?? (() => null);

  const headersFor = (init: HeadersInit | undefined, accept: string): Headers => {
    const headers = new Headers(init ?? { Accept: accept });
    const token = getToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return headers;
  };

  return {
    json: async (path, init = {}) => {
      const headers = headersFor(init.headers, 'application/json');
      try {
        const { json } = await fetchJson(`${apiUrl}/${path}`, { ...init, headers });
        return json as StrapiJson;
      } catch (error) {
        throw toHttpError(error);
      }
    },

    file: async (path, signal) => {
      const fetchFile = options.fetch ?? globalThis.fetch.bind(globalThis);
      let response: Response;
      try {
        response = await fetchFile(`${apiUrl}/${path}`, {
          headers: headersFor(undefined, '*/*'),
          signal,
        });
      } catch (error) {
        throw toHttpError(error);
      }
      if (!response.ok) throw await fileError(response);

      const filename = filenameOf(response.headers.get('Content-Disposition'));
      return { blob: await response.blob(), filename };
    },
  };
};
