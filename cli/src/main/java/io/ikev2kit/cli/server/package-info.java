/**
 * 'ikev2kit server', 'server renew' and 'crl': the server bundle, its certificate and the
 * revocation list.
 */
package io.ikev2kit.cli.server;
