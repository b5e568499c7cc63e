/**
 * What commands print besides their one line per action: progress for bulk work, a heartbeat line for a long
 * step on a large site, and JSON for scripts.
 */
package io.ikev2kit.cli.output;
