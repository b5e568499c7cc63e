/**
 * 'ikev2kit inspect': readers that explain a file ikev2kit wrote (a .mobileconfig, a .sswan, a
 * p12, a certificate or CRL) in plain lines, without needing the site.
 */
package io.ikev2kit.profiles.inspect;
