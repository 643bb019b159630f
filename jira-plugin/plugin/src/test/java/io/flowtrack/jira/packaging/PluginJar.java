package io.flowtrack.jira.packaging;

import aQute.bnd.header.Parameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** A packaged plugin jar, read for the build's checks and served by the browser test. */
public final class PluginJar implements AutoCloseable {
    private final JarFile jar;
    private final Path path;

    public PluginJar(String property) {
        this(path(property));
    }

    PluginJar(Path path) {
        this.path = path;
        try {
            jar = new JarFile(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path path(String property) {
        String path = System.getProperty(property);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("system property " + property + " must name the packaged jar, was " + path);
        }
        return Path.of(path);
    }

    String fileName() {
        return path.getFileName().toString();
    }

    /** The descriptor's {@code <plugin-info><version>}. */
    String descriptorVersion() {
        org.w3c.dom.NodeList info = xml("atlassian-plugin.xml").getElementsByTagName("plugin-info");
        for (org.w3c.dom.Node n = info.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
            if ("version".equals(n.getNodeName())) {
                return n.getTextContent().trim();
            }
        }
        return null;
    }

    Manifest manifest() {
        try {
            return jar.getManifest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String header(String name) {
        return manifest().getMainAttributes().getValue(name);
    }

    Parameters imports() {
        return new Parameters(header("Import-Package"));
    }

    List<String> entries() {
        return Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
    }

    boolean has(String entry) {
        return jar.getEntry(entry) != null;
    }

    boolean hasClass(String className) {
        return has(className.replace('.', '/') + ".class");
    }

    /** Whether the class in the jar names a method {@code name} (its constant pool holds the name as UTF-8). */
    boolean classDeclares(String className, String name) {
        byte[] needle = name.getBytes(StandardCharsets.UTF_8);
        byte[] code = bytes(className.replace('.', '/') + ".class");
        // a CONSTANT_Utf8 entry: tag 1, two length bytes, the bytes
        for (int i = 0; i <= code.length - needle.length - 3; i++) {
            if (code[i] == 1 && ((code[i + 1] & 0xFF) << 8 | (code[i + 2] & 0xFF)) == needle.length
                    && java.util.Arrays.equals(code, i + 3, i + 3 + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    public byte[] bytes(String entry) {
        try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entries whose bytes (class constant pools are UTF-8 in practice) contain {@code text}. */
    List<String> entriesContaining(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        for (String name : entries()) {
            if (!name.endsWith("/") && indexOf(bytes(name), needle) >= 0) {
                found.add(name);
            }
        }
        return found;
    }

    public Document xml(String entry) {
        try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + entry, e);
        }
    }

    public Properties properties(String entry) {
        Properties p = new Properties();
        try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        jar.close();
    }
}
