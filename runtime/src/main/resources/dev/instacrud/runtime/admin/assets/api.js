// Talking to the service. The access token lives in this module and in sessionStorage (gone when the tab closes;
// never localStorage, never a cookie); a refresh token, when the service issues one, is kept the same way. A 401
// sends the user back to sign-in, a 429 says when to retry, and every other error is the server's problem+json.

const ACCESS = "instacrud.admin.access";
const REFRESH = "instacrud.admin.refresh";
let accessToken = sessionStorage.getItem(ACCESS);
let refreshToken = sessionStorage.getItem(REFRESH);
let onSignedOut = () => {};
const etags = new Map(); // document URL -> the ETag of its last response, sent back as If-Match on writes

/** An answer other than 2xx: status, the problem+json body, and Retry-After for a 429. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(explain(status, problem, retryAfter));
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
    this.errors = (problem && Array.isArray(problem.errors)) ? problem.errors : [];
  }
}

/** What a status means to a person, with the server's own detail. */
export function explain(status, problem, retryAfter) {
  const detail = problem && typeof problem.detail === "string" ? problem.detail : "";
  switch (status) {
    case 400:
      return "The server refused the request: " + (detail || "bad request") + ".";
    case 401:
      return "Your session has ended. Please sign in again.";
    case 403:
      return "Your role does not allow this." + (detail ? " (" + detail + ")" : "");
    case 404:
      return "Not found: it does not exist, or it is not yours to see.";
    case 409:
      return "Conflict: " + (detail || "the change clashes with other data") + ".";
    case 412:
      return "Someone changed this document after you opened it, so your change was not saved. "
        + "Reload it to see the current version, then make your change again.";
    case 413:
      return "The request is too large.";
    case 422:
      return "Some values are not valid" + (detail ? ": " + detail : "") + ".";
    case 428:
      return "The server needs to know which version you edited. Reload the document and try again.";
    case 429:
      return "Too many requests. Try again in " + (retryAfter || "a few") + " seconds.";
    default:
      return status >= 500
        ? "The server could not answer (" + status + "). Try again later."
        : "The request failed (" + status + ")" + (detail ? ": " + detail : "") + ".";
  }
}

export function signedIn() {
  return accessToken !== null;
}

/** Keeps the tokens of a sign-in answer ({access_token, refresh_token?}). */
export function keepTokens(answer) {
  accessToken = answer.access_token;
  sessionStorage.setItem(ACCESS, accessToken);
  if (answer.refresh_token) {
    refreshToken = answer.refresh_token;
    sessionStorage.setItem(REFRESH, refreshToken);
  }
}

/** Forgets the tokens (sign-out, or a refused token). */
export function forgetTokens() {
  accessToken = null;
  refreshToken = null;
  sessionStorage.removeItem(ACCESS);
  sessionStorage.removeItem(REFRESH);
  etags.clear();
}

export function hasRefreshToken() {
  return refreshToken !== null;
}

export function refreshTokenValue() {
  return refreshToken;
}

/** What to do when the service refuses the token: go back to sign-in. */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

/**
 * One request. opts: {query: {name: value}, body, contentType, anonymous}. Resolves to the parsed JSON body (or
 * null); rejects with ApiError.
 */
export async function api(method, path, opts) {
  const options = opts || {};
  let response = await send(method, path, options);
  if (response.status === 401 && !options.anonymous && refreshToken && await refresh()) {
    response = await send(method, path, options);
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
  }
  if (!response.ok) {
    const retryAfter = response.headers.get("Retry-After");
    if (response.status === 401 && !options.anonymous) {
      forgetTokens();
      onSignedOut();
    }
    throw new ApiError(response.status, body, retryAfter);
  }
  const etag = response.headers.get("ETag");
  const url = documentUrl(method, path, response);
  if (url && etag) etags.set(url, etag);
  if (url && method === "DELETE") etags.delete(url);
  return body;
}

function documentUrl(method, path, response) {
  if (method === "POST") {
    const location = response.headers.get("Location");
    return location ? new URL(location, window.location.origin).pathname : null;
  }
  return path;
}

async function send(method, path, options) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(options.query || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, String(value));
  }
  const headers = { Accept: "application/json" };
  if (accessToken && !options.anonymous) headers.Authorization = "Bearer " + accessToken;
  if (options.body !== undefined) headers["Content-Type"] = options.contentType || "application/json";
  if (options.headers) Object.assign(headers, options.headers);
  if ((method === "PUT" || method === "PATCH" || method === "DELETE") && etags.has(path)) {
    headers["If-Match"] = etags.get(path);
  }
  return fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: "same-origin",
    cache: "no-store",
  });
}

async function refresh() {
  const response = await fetch("/api/v1/auth/refresh", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  if (!response.ok) return false;
  keepTokens(await response.json());
  return true;
}
