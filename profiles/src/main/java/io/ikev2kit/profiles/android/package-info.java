/**
 * The strongSwan Android app's .sswan profile (template {@code device.sswan.ftl}).
 */
package io.ikev2kit.profiles.android;
