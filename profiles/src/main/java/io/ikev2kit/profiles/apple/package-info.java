/**
 * The iOS/macOS .mobileconfig: its builder (template {@code mobileconfig.ftl}), the check that
 * parses every profile back before it is returned, and the optional CMS signature.
 */
package io.ikev2kit.profiles.apple;
