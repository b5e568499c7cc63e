package io.ikev2kit.cli.mail;

import java.util.Locale;
import java.util.Set;

/**
 * File types Gmail or Outlook.com refuse. Gmail bounces the whole message, also when such a file is inside an
 * archive, so one blocked file loses every profile in the message. Sources: Gmail Help "File types blocked in
 * Gmail" (support.google.com/mail/answer/6590); Microsoft Support "Blocked attachments in Outlook" and the
 * Exchange team's 2019 additions to Outlook on the web's list (PowerShell, Python, Java, certificates .cer/.crt/.der).
 * Neither list names .mobileconfig, .sswan, .p12 or .txt.
 */
final class BlockedAttachmentTypes {
    private static final Set<String> EXTENSIONS = Set.of(
            // Gmail
            "ade", "adp", "apk", "appx", "appxbundle", "bat", "cab", "chm", "cmd", "com", "cpl", "diagcab", "diagcfg",
            "diagpkg", "dll", "dmg", "ex", "ex_", "exe", "hta", "img", "ins", "iso", "isp", "jar", "jnlp", "js", "jse",
            "lib", "lnk", "mde", "mjs", "msc", "msi", "msix", "msixbundle", "msp", "mst", "nsh", "pif", "ps1", "scr",
            "sct", "shb", "sys", "vb", "vbe", "vbs", "vhd", "vxd", "wsc", "wsf", "wsh", "xll",
            // Outlook.com / Outlook on the web, beyond Gmail's
            "app", "appcontent-ms", "appref-ms", "asp", "aspx", "asx", "bas", "cdxml", "cer", "cnt",
            "crt", "csh", "der", "fxp", "gadget", "grp", "hlp", "hpj", "htc", "inf", "its", "ksh", "mad", "maf", "mag",
            "mam", "maq", "mar", "mas", "mat", "mau", "mav", "maw", "mcf", "mda", "mdb", "mdt", "mdw", "mdz", "mht",
            "mhtml", "msh", "msh1", "msh1xml", "msh2", "msh2xml", "mshxml", "msu", "ops", "osd", "pcd", "pl", "plg",
            "prf", "prg", "printerexport", "ps1xml", "ps2", "ps2xml", "psc1", "psc2", "psd1", "psdm1", "pssc",
            "pst", "py", "pyc", "pyo", "pyw", "pyz", "pyzw", "reg", "scf", "settingcontent-ms", "shs", "theme", "tmp",
            "udl", "url", "vbp", "vhdx", "vsmacros", "vsw", "webpnp", "website", "ws", "wsb", "xbap", "xnk");

    /** Archive types both providers open and scan, applying the same list to what is inside. */
    private static final Set<String> ARCHIVES = Set.of("zip", "tar", "tgz", "taz", "z", "gz", "rar", "bz2");

    private BlockedAttachmentTypes() {
    }

    static boolean blocked(String fileName) {
        return EXTENSIONS.contains(extension(fileName));
    }

    static boolean archive(String fileName) {
        return ARCHIVES.contains(extension(fileName));
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
