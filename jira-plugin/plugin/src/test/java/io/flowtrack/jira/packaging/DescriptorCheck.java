package io.flowtrack.jira.packaging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Validates atlassian-plugin.xml and the Spring XML against the jar they are packaged in: module keys are
 * unique, every class named exists in the jar (or the JDK), every REST package has classes, every i18n key
 * used exists in the i18n resource, every web-resource a module depends on exists. Returns the problems.
 */
final class DescriptorCheck {
    static final String DESCRIPTOR = "atlassian-plugin.xml";
    static final String SPRING = "META-INF/spring/flowtrack-context.xml";
    static final String MARKETING = "atlassian-plugin-marketing.xml";
    /** The plugin-info image params (UPM, Marketplace) and their sizes: width x height; the first two are required. */
    static final Map<String, int[]> INFO_IMAGES = new LinkedHashMap<>();

    static {
        INFO_IMAGES.put("plugin-icon", new int[] {16, 16});
        INFO_IMAGES.put("plugin-logo", new int[] {144, 144});
        INFO_IMAGES.put("plugin-banner", new int[] {1120, 548});
        INFO_IMAGES.put("vendor-icon", new int[] {16, 16});
        INFO_IMAGES.put("vendor-logo", new int[] {72, 72});
    }

    static final Map<String, int[]> MARKETING_IMAGES = Map.of("logo", new int[] {144, 144},
            "banner", new int[] {1120, 548});
    static final Pattern ACTION_URL = Pattern.compile("/secure/([\\w-]+)\\.jspa(\\?.*)?");

    /**
     * Objects Jira itself puts into a template's context; calls on them are Jira's to allow. ($webResourceManager:
     * Jira's own object, called from webwork templates of public Jira apps; that Jira 10's allow-list admits it
     * without a plugin entry is inferred, see docs/jira-plugin.md.)
     */
    static final Set<String> JIRA_CONTEXT = Set.of("i18n", "webResourceManager");
    static final Pattern REQUIRED_RESOURCE = Pattern.compile("requireResource\\(\\s*\"([^\"]+)\"\\s*\\)");
    static final Pattern ALLOWLIST_ENTRY = Pattern.compile("([\\w.$]+)#(\\w+)\\(([\\w.$, ]*)\\)");
    static final Pattern TEMPLATE_CALL = Pattern.compile("\\$!?\\{?(\\w+)((?:\\.\\w+\\([^)$]*\\))+)");
    static final Pattern METHOD = Pattern.compile("\\.(\\w+)\\(");
    static final Pattern JS_I18N = Pattern.compile("AJS\\.I18n\\.getText\\('([^']+)'\\)");
    static final Pattern TEMPLATE_I18N = Pattern.compile("getText\\(\\s*(?:\"([^\"]+)\"|'([^']+)')");

    private DescriptorCheck() {
    }

    static List<String> problems(PluginJar jar, String pluginKey) {
        List<String> problems = new ArrayList<>();
        if (!jar.has(DESCRIPTOR)) {
            return List.of(DESCRIPTOR + " is not at the jar root");
        }
        Document doc = jar.xml(DESCRIPTOR);
        Element root = doc.getDocumentElement();
        if (!pluginKey.equals(root.getAttribute("key"))) {
            problems.add("plugin key is '" + root.getAttribute("key") + "', expected " + pluginKey);
        }
        if (new String(jar.bytes(DESCRIPTOR), java.nio.charset.StandardCharsets.UTF_8).contains("${")) {
            problems.add(DESCRIPTOR + " has an unfiltered ${…} placeholder");
        }
        checkPluginInfo(jar, doc, problems);
        checkMarketing(jar, problems);
        Set<String> webResources = checkModuleKeys(root, pluginKey, problems);
        Properties i18n = i18n(jar, doc, problems);
        checkElements(jar, doc, i18n, problems);
        checkRestPackages(jar, doc, problems);
        for (Element dependency : elements(doc, "dependency")) {
            String ref = dependency.getTextContent().trim();
            if (ref.startsWith(pluginKey + ":") && !webResources.contains(ref)) {
                problems.add("web-resource " + ref + " is not defined");
            }
        }
        checkActions(jar, doc, problems);
        Set<String> allowed = allowlist(jar, doc, problems);
        for (String template : jar.entries().stream().filter(n -> n.endsWith(".vm")).toList()) {
            checkTemplate(template, new String(jar.bytes(template), java.nio.charset.StandardCharsets.UTF_8),
                    allowed, webResources, i18n, problems);
        }
        for (Element resource : elements(doc, "resource")) {
            if ("download".equals(resource.getAttribute("type")) && !jar.has(resource.getAttribute("location"))) {
                problems.add("download resource " + resource.getAttribute("location") + " is not in the jar");
            }
        }
        checkScripts(jar, doc, i18n, problems);
        if (jar.has(SPRING)) {
            for (Element bean : elements(jar.xml(SPRING), "bean")) {
                checkClass(jar, bean.getAttribute("class"), "Spring bean " + bean.getAttribute("id"), problems);
            }
        } else {
            problems.add(SPRING + " is missing");
        }
        return problems;
    }

    /** Module keys are unique; returns the complete keys of the web-resources the descriptor defines. */
    private static Set<String> checkModuleKeys(Element root, String pluginKey, List<String> problems) {
        Set<String> keys = new HashSet<>();
        Set<String> webResources = new HashSet<>();
        for (Element module : children(root)) {
            if (module.hasAttribute("key") && !keys.add(module.getAttribute("key"))) {
                problems.add("duplicate module key '" + module.getAttribute("key") + "'");
            }
            if (module.getTagName().equals("web-resource")) {
                webResources.add(pluginKey + ":" + module.getAttribute("key"));
            }
        }
        return webResources;
    }

    /** The i18n resources' keys (each resource must be in the jar). */
    private static Properties i18n(PluginJar jar, Document doc, List<String> problems) {
        Properties i18n = new Properties();
        for (Element resource : elements(doc, "resource")) {
            if ("i18n".equals(resource.getAttribute("type"))) {
                String file = resource.getAttribute("location").replace('.', '/') + ".properties";
                if (!jar.has(file)) {
                    problems.add("i18n resource " + file + " is missing");
                } else {
                    i18n.putAll(jar.properties(file));
                }
            }
        }
        return i18n;
    }

    /** Nested keys are i18n keys that exist; every class named (attribute, entity, upgrade task) is in the jar. */
    private static void checkElements(PluginJar jar, Document doc, Properties i18n, List<String> problems) {
        Element root = doc.getDocumentElement();
        for (Element e : elements(doc, "*")) {
            if (e.hasAttribute("key") && !e.equals(root) && !e.getParentNode().equals(root) && !e.getTagName().equals("transformer")
                    && !i18n.containsKey(e.getAttribute("key"))) {
                problems.add("i18n key '" + e.getAttribute("key") + "' (<" + e.getTagName() + ">) is not in the i18n resource");
            }
            if (e.hasAttribute("class")) {
                checkClass(jar, e.getAttribute("class"), "<" + e.getTagName() + " class>", problems);
            }
        }
        for (String tag : List.of("entity", "upgradeTask")) {
            for (Element e : elements(doc, tag)) {
                checkClass(jar, e.getTextContent().trim(), "<" + tag + ">", problems);
            }
        }
    }

    private static void checkRestPackages(PluginJar jar, Document doc, List<String> problems) {
        for (Element rest : elements(doc, "rest")) {
            for (Element pkg : childElements(rest, "package")) {
                String prefix = pkg.getTextContent().trim().replace('.', '/') + "/";
                if (jar.entries().stream().noneMatch(n -> n.startsWith(prefix) && n.endsWith(".class"))) {
                    problems.add("REST package " + pkg.getTextContent().trim() + " has no classes");
                }
            }
        }
    }

    /** Each webwork action's class is in the jar and so is each of its views' templates. */
    private static void checkActions(PluginJar jar, Document doc, List<String> problems) {
        for (Element action : elements(doc, "action")) {
            checkClass(jar, action.getAttribute("name"), "<action name>", problems);
            for (Element view : childElements(action, "view")) {
                String template = view.getTextContent().trim().replaceFirst("^/", "");
                if (!jar.has(template)) {
                    problems.add("view " + view.getAttribute("name") + " of " + action.getAttribute("alias")
                            + ": template " + template + " is not in the jar");
                }
            }
        }
    }

    /** The velocity-allowlist's method names; each entry must name a class of the jar and a method it declares. */
    private static Set<String> allowlist(PluginJar jar, Document doc, List<String> problems) {
        Set<String> allowed = new HashSet<>();
        for (Element method : elements(doc, "method")) {
            String entry = method.getTextContent().trim();
            Matcher m = ALLOWLIST_ENTRY.matcher(entry);
            if (!m.matches()) {
                problems.add("velocity-allowlist entry '" + entry + "' is not Class#method(params)");
                continue;
            }
            if (!jar.hasClass(m.group(1))) {
                problems.add("velocity-allowlist entry '" + entry + "' names a class that is not in the jar");
            } else if (!jar.classDeclares(m.group(1), m.group(2))) {
                problems.add("velocity-allowlist entry '" + entry + "' names a method the class does not have");
            }
            allowed.add(m.group(2));
        }
        return allowed;
    }

    /** A template's calls are allow-listed, the web-resources it requires exist, its i18n keys exist. */
    private static void checkTemplate(String template, String text, Set<String> allowed, Set<String> webResources,
                                      Properties i18n, List<String> problems) {
        Matcher calls = TEMPLATE_CALL.matcher(text);
        while (calls.find()) {
            String variable = calls.group(1);
            Matcher method = METHOD.matcher(calls.group(2));
            while (method.find()) {
                if (!JIRA_CONTEXT.contains(variable) && !allowed.contains(method.group(1))) {
                    problems.add(template + ": $" + variable + "…" + method.group(1) + "() is not in the velocity-allowlist");
                }
            }
        }
        Matcher required = REQUIRED_RESOURCE.matcher(text);
        while (required.find()) {
            if (!webResources.contains(required.group(1))) {
                problems.add(template + ": requires web-resource " + required.group(1) + ", which is not defined");
            }
        }
        Matcher texts = TEMPLATE_I18N.matcher(text);
        while (texts.find()) {
            String key = texts.group(1) != null ? texts.group(1) : texts.group(2);
            if (!i18n.containsKey(key)) {
                problems.add(template + ": i18n key '" + key + "' is not in the i18n resource");
            }
        }
    }

    /** Every amd-module is defined by a script of the jar; every key the scripts ask AJS.I18n for exists. */
    private static void checkScripts(PluginJar jar, Document doc, Properties i18n, List<String> problems) {
        StringBuilder js = new StringBuilder();
        for (String script : jar.entries().stream().filter(n -> n.endsWith(".js")).toList()) {
            js.append(new String(jar.bytes(script), java.nio.charset.StandardCharsets.UTF_8)).append('\n');
        }
        for (Element module : elements(doc, "amd-module")) {
            String name = module.getTextContent().trim();
            if (!js.toString().contains("define('" + name + "'")) {
                problems.add("amd-module " + name + " is not defined by any script in the jar");
            }
        }
        Matcher jsKeys = JS_I18N.matcher(js);
        while (jsKeys.find()) {
            if (!i18n.containsKey(jsKeys.group(1))) {
                problems.add("script i18n key '" + jsKeys.group(1) + "' is not in the i18n resource");
            }
        }
    }

    /** Vendor, image params (real PNGs of the documented sizes) and the configure/post-install pages. */
    private static void checkPluginInfo(PluginJar jar, Document doc, List<String> problems) {
        List<Element> infos = elements(doc, "plugin-info");
        if (infos.isEmpty()) {
            problems.add("no <plugin-info>");
            return;
        }
        Element info = infos.get(0);
        List<Element> vendors = childElements(info, "vendor");
        if (vendors.isEmpty() || vendors.get(0).getAttribute("name").isBlank() || vendors.get(0).getAttribute("url").isBlank()) {
            problems.add("plugin-info has no vendor name and url");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Element param : childElements(info, "param")) {
            params.put(param.getAttribute("name"), param.getTextContent().trim());
        }
        int position = 0;
        for (Map.Entry<String, int[]> image : INFO_IMAGES.entrySet()) {
            String location = params.get(image.getKey());
            if (location == null) {
                if (position < 2) {
                    problems.add("plugin-info has no " + image.getKey());
                }
            } else {
                checkImage(jar, location, image.getValue(), "plugin-info " + image.getKey(), problems);
            }
            position++;
        }
        Set<String> aliases = new HashSet<>();
        for (Element action : elements(doc, "action")) {
            aliases.add(action.getAttribute("alias"));
        }
        for (String page : List.of("configure.url", "post.install.url")) {
            String url = params.get(page);
            if (url == null) {
                problems.add("plugin-info has no " + page);
                continue;
            }
            Matcher m = ACTION_URL.matcher(url);
            if (!m.matches() || !aliases.contains(m.group(1))) {
                problems.add("plugin-info " + page + " " + url + " is not one of the plugin's actions");
            }
        }
    }

    /** Marketplace's marketing descriptor: at the jar root, a jira compatibility range, its images as documented. */
    private static void checkMarketing(PluginJar jar, List<String> problems) {
        if (!jar.has(MARKETING)) {
            problems.add(MARKETING + " is not at the jar root");
            return;
        }
        Document doc = jar.xml(MARKETING);
        if (!"atlassian-plugin-marketing".equals(doc.getDocumentElement().getTagName())) {
            problems.add(MARKETING + ": the root is not <atlassian-plugin-marketing>");
        }
        List<Element> products = elements(doc, "product");
        if (products.size() != 1 || !"jira".equals(products.get(0).getAttribute("name"))
                || products.get(0).getAttribute("min").isBlank() || products.get(0).getAttribute("max").isBlank()) {
            problems.add(MARKETING + ": compatibility is not one jira product with min and max");
        } else if (aQute.bnd.version.Version.parseVersion(products.get(0).getAttribute("min"))
                .compareTo(aQute.bnd.version.Version.parseVersion(products.get(0).getAttribute("max"))) > 0) {
            problems.add(MARKETING + ": compatibility min is above max");
        }
        for (Map.Entry<String, int[]> image : MARKETING_IMAGES.entrySet()) {
            List<Element> found = elements(doc, image.getKey());
            if (found.isEmpty()) {
                problems.add(MARKETING + " has no <" + image.getKey() + ">");
            } else {
                checkImage(jar, found.get(0).getAttribute("image"), image.getValue(),
                        MARKETING + " " + image.getKey(), problems);
            }
        }
        for (String tag : List.of("highlight", "screenshot")) {
            for (Element e : elements(doc, tag)) {
                for (String attribute : List.of("image", "cropped")) {
                    if (e.hasAttribute(attribute) && !jar.has(e.getAttribute(attribute))) {
                        problems.add(MARKETING + " " + tag + " " + e.getAttribute(attribute) + " is not in the jar");
                    }
                }
            }
        }
    }

    private static void checkImage(PluginJar jar, String location, int[] size, String where, List<String> problems) {
        if (!jar.has(location)) {
            problems.add(where + ": " + location + " is not in the jar");
            return;
        }
        byte[] bytes = jar.bytes(location);
        java.awt.image.BufferedImage image;
        try {
            image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (java.io.IOException e) {
            image = null;
        }
        boolean png = bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        if (image == null || !png) {
            problems.add(where + ": " + location + " is not a PNG image");
        } else if (image.getWidth() != size[0] || image.getHeight() != size[1]) {
            problems.add(where + ": " + location + " is " + image.getWidth() + "x" + image.getHeight() + ", expected "
                    + size[0] + "x" + size[1]);
        }
    }

    private static void checkClass(PluginJar jar, String name, String where, List<String> problems) {
        if (jar.hasClass(name)) {
            return;
        }
        if (name.startsWith("java.")) {
            try {
                Class.forName(name, false, ClassLoader.getPlatformClassLoader());
                return;
            } catch (ClassNotFoundException e) {
                // reported below
            }
        }
        problems.add(where + " names " + name + ", which is not in the jar");
    }

    private static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static List<Element> children(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }

    private static List<Element> childElements(Element parent, String tag) {
        return children(parent).stream().filter(e -> e.getTagName().equals(tag)).toList();
    }
}
