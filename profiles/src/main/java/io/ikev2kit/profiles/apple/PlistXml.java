package io.ikev2kit.profiles.apple;

import com.dd.plist.NSArray;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML property list into dd-plist's objects with the JDK's streaming XML parser. The profile check
 * reads back every profile it renders; dd-plist's own XML reader builds a DOM first, which made the check most
 * of an export's time. The DTD is neither read nor applied, and no entity is resolved.
 */
final class PlistXml {
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(() -> {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    });

    private PlistXml() {
    }

    static NSObject parse(byte[] xml) throws XMLStreamException {
        XMLStreamReader reader = FACTORY.get().createXMLStreamReader(new ByteArrayInputStream(xml));
        try {
            while (reader.next() != XMLStreamConstants.START_ELEMENT) {
                if (reader.getEventType() == XMLStreamConstants.CHARACTERS && !reader.isWhiteSpace()) {
                    throw problem(reader, "text before the plist element");
                }
            }
            if (!reader.getLocalName().equals("plist") || reader.nextTag() != XMLStreamConstants.START_ELEMENT) {
                throw problem(reader, "no plist element with a value");
            }
            NSObject value = value(reader);
            if (reader.nextTag() != XMLStreamConstants.END_ELEMENT) {
                throw problem(reader, "more than one value in the plist element");
            }
            return value;
        } finally {
            reader.close();
        }
    }

    /** Called on a value's start tag; returns on its end tag. */
    private static NSObject value(XMLStreamReader reader) throws XMLStreamException {
        String element = reader.getLocalName();
        switch (element) {
            case "dict" -> {
                NSDictionary dict = new NSDictionary();
                while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (!reader.getLocalName().equals("key")) {
                        throw problem(reader, "a dict entry without a key");
                    }
                    String key = reader.getElementText();
                    if (reader.nextTag() != XMLStreamConstants.START_ELEMENT) {
                        throw problem(reader, "key " + key + " has no value");
                    }
                    dict.put(key, value(reader));
                }
                return dict;
            }
            case "array" -> {
                List<NSObject> items = new ArrayList<>();
                while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    items.add(value(reader));
                }
                return new NSArray(items.toArray(NSObject[]::new));
            }
            case "string" -> {
                return new NSString(reader.getElementText());
            }
            case "data" -> {
                try {
                    return new com.dd.plist.NSData(Base64.getMimeDecoder().decode(reader.getElementText()));
                } catch (IllegalArgumentException e) {
                    throw problem(reader, "data that is not base64");
                }
            }
            case "integer", "real" -> {
                try {
                    return new NSNumber(reader.getElementText().trim());
                } catch (IllegalArgumentException e) {
                    throw problem(reader, "a number that is not one");
                }
            }
            case "true", "false" -> {
                if (reader.nextTag() != XMLStreamConstants.END_ELEMENT) {
                    throw problem(reader, "<" + element + "/> with content");
                }
                return new NSNumber(element.equals("true"));
            }
            case "date" -> {
                try {
                    return new NSDate(reader.getElementText().trim());
                } catch (java.text.ParseException e) {
                    throw problem(reader, "a date that is not one");
                }
            }
            default -> throw problem(reader, "unknown element <" + element + ">");
        }
    }

    private static XMLStreamException problem(XMLStreamReader reader, String what) {
        return new XMLStreamException(what, reader.getLocation());
    }
}
