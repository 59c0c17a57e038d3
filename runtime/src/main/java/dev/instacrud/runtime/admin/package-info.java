/**
 * The web admin and the API docs a service serves from the runtime jar: {@link AdminUiHandler} (the files, mounted
 * under {@code /admin} and {@code /docs}), {@link AdminAssets} (the table of files and the pages' policies) and
 * {@link UiModel} ({@code /api/v1/ui}: what the admin needs besides the OpenAPI document). The pages themselves are
 * plain ES modules under {@code src/main/resources/dev/instacrud/runtime/admin/}.
 *
 * <p>Must never: serve a file not listed in {@link AdminAssets}, build a response from a path on the class path,
 * widen the service's Content-Security-Policy beyond what one page needs, or hold a secret: every page is a client
 * of the API like any other, signed in like any other.
 *
 * <p>May use: {@code config}, {@code context}, {@code data}, {@code error}, {@code http}.
 */
package dev.instacrud.runtime.admin;
