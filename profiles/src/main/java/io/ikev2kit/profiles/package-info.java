/**
 * Client files of a device by format ({@link io.ikev2kit.profiles.ClientFiles}): the one place that knows
 * which builder makes which file. The builders live in one package per client ({@code apple}, {@code windows},
 * {@code android}), the site model in {@code site}, the proposals in {@code suite}, the strongSwan side in
 * {@code server}, and the readers behind 'inspect' in {@code inspect}. See docs/architecture.md.
 */
package io.ikev2kit.profiles;
