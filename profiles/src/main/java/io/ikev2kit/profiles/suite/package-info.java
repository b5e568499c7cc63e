/**
 * The crypto suite table: each named suite's IKE and ESP proposals, written once here and rendered
 * for every client and for strongSwan from the same rows.
 */
package io.ikev2kit.profiles.suite;
