/**
 * 'ikev2kit init', 'backup', 'restore', 'doctor' and 'inspect': a site as a whole.
 */
package io.ikev2kit.cli.site;
