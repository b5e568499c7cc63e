/**
 * Options several commands share (--dir, the CA passphrase, --templates) and how secrets are
 * read: from a file or the environment, never from the command line.
 */
package io.ikev2kit.cli.options;
