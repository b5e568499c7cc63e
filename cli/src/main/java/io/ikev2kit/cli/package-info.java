/**
 * The command line: {@code Main} registers the commands, which live by concern in {@code site},
 * {@code device}, {@code server} and {@code mail}; shared options and secrets in {@code options}; progress, the
 * heartbeat and JSON in {@code output}. A command parses, calls profiles or pki, and prints; it decides nothing
 * else.
 */
package io.ikev2kit.cli;
