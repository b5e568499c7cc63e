/**
 * 'ikev2kit device add|set|list|export|renew|revoke': one class per verb, the network options
 * add and set share (--address, --allow), and the CSV reader of {@code add --from}.
 */
package io.ikev2kit.cli.device;
