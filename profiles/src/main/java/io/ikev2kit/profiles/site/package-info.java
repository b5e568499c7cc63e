/**
 * A site and its lifecycle: site.conf ({@code Site}, {@code SiteFile}), the workspace that opens a
 * site's directory and its store, issuing, renewing and revoking devices in batches with a journal, backups and
 * 'doctor', and each device's fixed address and allowed networks. {@code Device} is what every client builder
 * receives.
 */
package io.ikev2kit.profiles.site;
