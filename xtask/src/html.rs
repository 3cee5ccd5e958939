//! Turning Trunk's `index.html` and its files into one self-contained HTML file.
//!
//! The transformation is deliberately small and strict: it knows the handful of tags Trunk writes
//! (`<link rel=modulepreload|preload|stylesheet|icon>` and its loader `<script type=module>`) and
//! fails loudly when the glue is not what it expects, rather than producing a page that is blank
//! from `file://`.

use base64::Engine as _;

/// What the single file's loader needs from wasm-bindgen's `--target web` glue: the async
/// initialiser it exports as default, defined under this name.
const GLUE_INIT: &str = "async function __wbg_init(";

/// Builds the single file.
///
/// `resolve` reads a file Trunk referenced (stylesheet, icon); `hash` turns an inline script or
/// style into a CSP source expression. The wasm goes in as text by [`pack`].
pub fn single_file(
    index: &str,
    glue: &str,
    wasm: &[u8],
    resolve: impl Fn(&str) -> Option<Vec<u8>>,
    hash: impl Fn(&str) -> String,
) -> Result<String, String> {
    if !glue.contains(GLUE_INIT) {
        return Err(format!(
            "the JS glue defines no `{GLUE_INIT}`: wasm-bindgen's output changed"
        ));
    }
    if glue
        .lines()
        .any(|line| line.trim_start().starts_with("import "))
    {
        return Err(
            "the JS glue imports other files (wasm-bindgen snippets); inline them first".into(),
        );
    }

    let Walked {
        mut out,
        styles,
        mut scripts,
    } = walk(index, &resolve, wasm.len() * 2)?;

    let packed = pack(wasm);
    let glue = trim_js(glue);
    let loader = format!(
        "{glue}\n\
         const alphabet = \"{alphabet}\";\n\
         const byteOf = new Uint8Array(0x800);\n\
         for (let i = 0; i < 256; i++) byteOf[alphabet.charCodeAt(i)] = i;\n\
         const parts = [...document.querySelectorAll(\"script[type='{WASM_TYPE}']\")];\n\
         const bytes = new Uint8Array(parts.reduce((n, p) => n + p.text.length, 0));\n\
         let at = 0;\n\
         for (const p of parts) {{ const t = p.text; for (let i = 0; i < t.length; i++) bytes[at++] = byteOf[t.charCodeAt(i)]; }}\n\
         await __wbg_init({{ module_or_path: bytes }});\n\
         dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\"));\n",
        alphabet = packed.alphabet,
    );
    scripts.push(loader.clone());
    let body_end = out.rfind("</body>").ok_or("index.html has no </body>")?;
    let mut tail = data_blocks(&packed.text);
    tail.push_str(&format!("<script type=\"module\">{loader}</script>\n"));
    out.insert_str(body_end, &tail);

    insert_policy(&mut out, &scripts, &styles, &hash)?;
    Ok(out)
}

/// The type of the data blocks that hold the packed wasm: not JavaScript, so the browser neither
/// runs nor parses them, and the policy does not govern them.
const WASM_TYPE: &str = "application/x-jikgu-wasm";

/// Characters of packed wasm per data block.
///
/// In one `<script>` the wasm was a 1.3-million-character string literal: the HTML parser had to
/// read it in one piece before the page's first frame, and V8 parsed it again as the module's
/// source (11 ms in a trace). In data blocks of this size the parser can stop between two blocks
/// and paint the prerendered page, and V8 never sees the text. The loader leaves them in the
/// document: a browser's "Save page as… complete" writes the document as it stands, and the saved
/// copy must still hold its wasm.
const WASM_BLOCK: usize = 1 << 16;

/// The packed wasm as a run of data blocks of [`WASM_BLOCK`] characters, in order.
fn data_blocks(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + chars.len() / WASM_BLOCK * 64 + 64);
    for block in chars.chunks(WASM_BLOCK) {
        out.push_str("<script type=\"");
        out.push_str(WASM_TYPE);
        out.push_str("\">");
        out.extend(block);
        out.push_str("</script>");
    }
    out
}

/// Puts the page's own `<meta>` policy right after `<meta charset>`: scripts and `<style>`
/// elements only by hash (plus the page's own origin, for a split page's files).
fn insert_policy(
    out: &mut String,
    scripts: &[String],
    styles: &[String],
    hash: &impl Fn(&str) -> String,
) -> Result<(), String> {
    let script_src: Vec<String> = scripts.iter().map(|s| hash(s)).collect();
    let style_src: Vec<String> = styles.iter().map(|s| hash(s)).collect();
    // Scripts and <style> elements only by hash. Style *attributes* stay allowed: plotters measures
    // chart text with a styled <span>, and an attribute cannot run code. Connections only to the
    // page's own origin: the served page fetches its wasm, and a crawler's audit reads /robots.txt
    // from inside the page (Lighthouse's SEO audit failed under 'none', GoogleChrome/lighthouse#4386).
    let policy = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         script-src 'self' {} 'wasm-unsafe-eval'; style-src-elem {}; style-src-attr 'unsafe-inline'; \
         style-src 'unsafe-inline'; img-src data: blob:; connect-src 'self'; base-uri 'none'; \
         form-action 'none'\">",
        script_src.join(" "),
        if style_src.is_empty() {
            "'none'".to_string()
        } else {
            style_src.join(" ")
        }
    );
    let at = out
        .find("<meta charset")
        .and_then(|i| out[i..].find('>').map(|j| i + j + 1))
        .or_else(|| out.find("<head>").map(|i| i + "<head>".len()))
        .ok_or("index.html has no <head>")?;
    out.insert_str(at, &policy);
    Ok(())
}

/// The names of a build's JS glue and wasm files, as the page refers to them (`./name`).
pub struct Files<'a> {
    pub glue: &'a str,
    pub wasm: &'a str,
}

/// How long the served page waits, after its first frame, for a reader's first input before it
/// starts the app anyway (a reader who only reads, or whose screen reader sends no events).
pub const START_UNASKED_MS: u32 = 3000;

/// Builds the served page: the same document as the single file (the prerender first, the
/// stylesheet and icon inlined, its own policy) but with the glue and the wasm left as their own
/// files, so the document a CDN serves is the prerendered page and a small loader, and the
/// browser caches the wasm apart from it.
///
/// The glue is preloaded as a module (`<link rel=modulepreload>` at the top of `<head>`). The
/// loader at the end of the body waits for the prerender's first frame to be painted (a frame,
/// then a task), so the wasm's bytes never compete with the document's and the browser records
/// that paint before anything replaces it; then it fetches the wasm and compiles it as it arrives
/// (`WebAssembly.compileStreaming`, off the main thread). It runs the app, which replaces the
/// prerender, at the reader's first input (pointer, touch, key, focus, wheel or scroll), or
/// [`START_UNASKED_MS`] after the first frame without one, or at once when the prerender is a
/// placeholder (the address asks for other figures). What the reader pressed before the app ran
/// is found again in the app's page by its place in the tree, three frames after the app has drawn
/// its first chart (once the sections it renders after its first paint are in): a disclosure is
/// opened, a control focused. Most readers of an embedded chart only read
/// it: the figures they read are the prerender's, and the app's start (compiling the code it
/// runs, its first render, laying out the page again: about 200 ms of one core here) no longer
/// stands between the page and its first input (README, "Speed"). `self.jikguStart()` starts it
/// at once. If anything fails (a saved copy opened from disk without its files), the page keeps
/// the prerendered default figures, readable, with one line saying the calculator could not
/// start and that `jikgu.html` works offline.
pub fn split_page(
    index: &str,
    files: &Files<'_>,
    resolve: impl Fn(&str) -> Option<Vec<u8>>,
    hash: impl Fn(&str) -> String,
) -> Result<String, String> {
    let safe = |name: &str| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    if !safe(files.glue) || !safe(files.wasm) {
        return Err(format!(
            "unexpected file names {} and {}",
            files.glue, files.wasm
        ));
    }
    let Walked {
        mut out,
        styles,
        mut scripts,
    } = walk(index, &resolve, 4096)?;
    let loader = format!(
        "const h=document.documentElement,w=\"./{wasm}\",\
         painted=new Promise((r)=>requestAnimationFrame(()=>setTimeout(r))),\
         events=[\"pointerdown\",\"pointermove\",\"keydown\",\"touchstart\",\"focusin\",\"wheel\",\"scroll\"];\
         let go;const intent=new Promise((r)=>{{go=()=>{{for(const e of events)removeEventListener(e,go,true);r()}};\
         for(const e of events)addEventListener(e,go,{{capture:true,passive:true}})}});self.jikguStart=go;\
         painted.then(()=>{{if(h.classList.contains(\"jk-stale\"))go();else setTimeout(go,{idle})}});\
         const module=painted.then(()=>WebAssembly.compileStreaming(fetch(w)).catch(()=>w));\
         let acted=null;const note=(e)=>{{let n=e.target,p=[];\
         for(;n&&n.parentElement&&n.tagName!==\"MAIN\";n=n.parentElement)p.unshift([...n.parentElement.children].indexOf(n));\
         if(n&&n.tagName===\"MAIN\")acted=p}};\
         for(const e of[\"pointerdown\",\"click\"])addEventListener(e,note,true);\
         Promise.all([painted.then(()=>import(\"./{glue}\")),intent]).then(async([g])=>{{\
         await g.default({{module_or_path:await module}});\
         for(const e of[\"pointerdown\",\"click\"])removeEventListener(e,note,true);\
         dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\"));\
         const frame=(f)=>requestAnimationFrame(()=>setTimeout(f));\
         const settled=(f,k=0)=>frame(()=>performance.getEntriesByName(\"jikgu:first-chart\").length&&k>2?f():settled(f,k+1));\
         if(acted)settled(()=>{{\
         let n=[...document.querySelectorAll(\"#app main\")].find((m)=>m.getClientRects().length);\
         for(const i of acted)n=n&&n.children[i];\
         n=n&&n.closest(\"summary,button,input,select,textarea\");\
         if(n&&n.matches(\"summary\")&&n.parentElement.matches(\"details\"))n.parentElement.open=true;else if(n)n.focus()}})}}).catch((e)=>{{\
         const p=document.createElement(\"p\");\
         h.classList.remove(\"jk-stale\");p.className=\"noscript\";p.setAttribute(\"role\",\"status\");\
         p.textContent=\"{ko} {en}\";\
         (document.getElementById(\"app\")||document.body).prepend(p);\
         console.warn(\"jikgu: the calculator did not start\",e)}})",
        glue = files.glue,
        wasm = files.wasm,
        idle = START_UNASKED_MS,
        ko = "계산기를 시작하지 못해 기본 수치만 보여 줍니다. 오프라인에서는 한 파일로 된 jikgu.html을 여세요.",
        en = "The calculator could not start, so these are the default figures. Offline, open the single file jikgu.html.",
    );
    scripts.push(loader.clone());
    let body_end = out.rfind("</body>").ok_or("index.html has no </body>")?;
    out.insert_str(
        body_end,
        &format!("<script type=\"module\">{loader}</script>\n"),
    );
    let head = format!("<link rel=\"modulepreload\" href=\"./{}\">", files.glue);
    let at = out
        .find("<meta charset")
        .and_then(|i| out[i..].find('>').map(|j| i + j + 1))
        .or_else(|| out.find("<head>").map(|i| i + "<head>".len()))
        .ok_or("index.html has no <head>")?;
    out.insert_str(at, &head);
    insert_policy(&mut out, &scripts, &styles, &hash)?;
    Ok(out)
}

/// Trunk's `index.html` with what only works beside Trunk's files taken out: the stylesheet and the
/// icon inlined, `<base>`, preload links, any `<meta>` policy and Trunk's loader dropped. The page's
/// own inline scripts and styles are kept and listed, for the policy's hashes.
struct Walked {
    out: String,
    styles: Vec<String>,
    scripts: Vec<String>,
}

fn walk(
    index: &str,
    resolve: &impl Fn(&str) -> Option<Vec<u8>>,
    extra: usize,
) -> Result<Walked, String> {
    let mut out = String::with_capacity(index.len() + extra);
    let mut styles = Vec::new();
    let mut scripts = Vec::new();
    let mut rest = index;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[..=end];
        let name = tag_name(tag);
        match name.as_str() {
            "link" => {
                rest = &rest[end + 1..];
                let rel = attr(tag, "rel").unwrap_or_default().to_ascii_lowercase();
                let href = attr(tag, "href").unwrap_or_default();
                match rel.as_str() {
                    "modulepreload" | "preload" => {}
                    "stylesheet" => {
                        let css = resolve(&href)
                            .ok_or_else(|| format!("cannot read stylesheet {href}"))?;
                        let css =
                            String::from_utf8(css).map_err(|_| format!("{href} is not UTF-8"))?;
                        let css = trim_css(&css);
                        out.push_str("<style>");
                        out.push_str(&css);
                        out.push_str("</style>");
                        styles.push(css);
                    }
                    "icon" => match resolve(&href) {
                        Some(bytes) => {
                            let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
                            out.push_str(&format!(
                                "<link rel=\"icon\" href=\"data:{};base64,{encoded}\">",
                                mime(&href)
                            ));
                        }
                        None => return Err(format!("cannot read icon {href}")),
                    },
                    _ => out.push_str(tag),
                }
            }
            "base" => {
                // Relative URLs resolve against the file itself; a <base> would only be refused by
                // the policy (base-uri 'none').
                rest = &rest[end + 1..];
            }
            "meta"
                if attr(tag, "http-equiv")
                    .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy")) =>
            {
                // The served page's policy names other hashes; the single file gets its own.
                rest = &rest[end + 1..];
            }
            "script" => {
                let close = rest.find("</script>").ok_or("a <script> is never closed")?;
                let body = &rest[end + 1..close];
                let is_trunk_loader = body.contains("__wbg_init")
                    || body.contains("import init")
                    || body.contains("TrunkApplicationStarted");
                if attr(tag, "src").is_some() {
                    return Err(
                        "external <script src> cannot work from file://; inline it in index.html"
                            .into(),
                    );
                }
                if !is_trunk_loader {
                    out.push_str(&rest[..close + "</script>".len()]);
                    scripts.push(body.to_string());
                }
                rest = &rest[close + "</script>".len()..];
            }
            "style" => {
                let close = rest.find("</style>").ok_or("a <style> is never closed")?;
                styles.push(rest[end + 1..close].to_string());
                out.push_str(&rest[..close + "</style>".len()]);
                rest = &rest[close + "</style>".len()..];
            }
            _ => {
                out.push_str(tag);
                rest = &rest[end + 1..];
            }
        }
    }
    out.push_str(rest);
    Ok(Walked {
        out,
        styles,
        scripts,
    })
}

/// `js` without its comment lines and indentation: the glue wasm-bindgen writes is read by no one
/// in the single file, and its comments and indentation were 10 % of its compressed size. Lines
/// inside a template literal that spans lines are kept as they are.
pub fn trim_js(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_template = false;
    for line in js.lines() {
        let kept = if in_template { line } else { line.trim_start() };
        if !in_template && (kept.is_empty() || kept.starts_with("//")) {
            continue;
        }
        out.push_str(kept);
        out.push('\n');
        let mut escaped = false;
        for c in line.chars() {
            match c {
                '\\' => escaped = !escaped,
                '`' if !escaped => in_template = !in_template,
                _ => escaped = false,
            }
        }
    }
    out
}

/// `css` without comments and indentation (outside quoted strings).
pub fn trim_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote = None;
    let mut line_start = true;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
                continue;
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                continue;
            }
            None => {}
        }
        if c == '\n' {
            if !line_start {
                out.push('\n');
            }
            line_start = true;
            continue;
        }
        if line_start && c.is_whitespace() {
            continue;
        }
        line_start = false;
        out.push(c);
    }
    out
}

/// `index` with the contents of its `<div id="app">` (which holds no other `<div>`) replaced by
/// `contents`.
#[cfg_attr(not(feature = "prerender"), allow(dead_code))]
pub fn fill_app(index: &str, contents: &str) -> Result<String, String> {
    let at = index
        .find("<div id=\"app\">")
        .ok_or("index.html has no <div id=\"app\">")?
        + "<div id=\"app\">".len();
    let close = at + index[at..].find("</div>").ok_or("#app is never closed")?;
    Ok(format!("{}{contents}{}", &index[..at], &index[close..]))
}

/// The wasm as the text of a JS string literal, one character per byte, and the alphabet that maps
/// characters back to bytes (`alphabet[b]` stands for byte `b`).
pub struct Packed {
    /// 256 distinct characters; the one at index `b` stands for byte `b`.
    pub alphabet: String,
    /// One character of `alphabet` per byte of the wasm.
    pub text: String,
}

/// Writes bytes as text that a server's brotli or gzip compresses almost as well as the bytes
/// themselves, and that needs no escape inside a `<script>`.
///
/// Base64 of gzip (what this did before) cannot be compressed again: served with brotli, the page
/// weighed about the gzip size. Base64 of the raw bytes loses too, because a repeated byte pattern
/// lands on three different alignments. Here every byte is always the same character, and most
/// bytes are the character with their own code: printable ASCII stays itself and bytes 0x80–0xFF
/// become U+0080–U+00FF (two UTF-8 bytes whose second keeps the byte's low bits), so the compressor
/// sees the wasm's own patterns. The 36 ASCII bytes that cannot appear as themselves in a script
/// (controls, which HTML may rewrite, and `"`, `\` and `<`, which would end the string or allow
/// `</script`) are swapped with the rarest printable ones where they are more frequent; what is
/// displaced, or left over, gets a letter from U+0100 up.
pub fn pack(bytes: &[u8]) -> Packed {
    let mut count = [0usize; 256];
    for &b in bytes {
        count[usize::from(b)] += 1;
    }
    let needs_no_escape = |b: u8| (0x20..0x7f).contains(&b) && !matches!(b, b'"' | b'\\' | b'<');
    let mut of_byte: [char; 256] = std::array::from_fn(|b| char::from(b as u8));
    let mut unsafe_bytes: Vec<u8> = (0..0x80u8).filter(|b| !needs_no_escape(*b)).collect();
    let mut rare: Vec<u8> = (0..0x80u8).filter(|b| needs_no_escape(*b)).collect();
    // Most frequent unsafe first, rarest safe first; ties by byte value so a build is reproducible.
    unsafe_bytes.sort_by(|a, b| {
        count[usize::from(*b)]
            .cmp(&count[usize::from(*a)])
            .then(a.cmp(b))
    });
    rare.sort_by(|a, b| {
        count[usize::from(*a)]
            .cmp(&count[usize::from(*b)])
            .then(a.cmp(b))
    });
    let mut letters = (0x100u32..).filter_map(char::from_u32);
    let mut rare = rare.into_iter();
    for u in unsafe_bytes {
        match rare.next() {
            Some(r) if count[usize::from(u)] > count[usize::from(r)] => {
                of_byte[usize::from(u)] = char::from(r);
                of_byte[usize::from(r)] = letters.next().unwrap_or('\u{100}');
            }
            _ => of_byte[usize::from(u)] = letters.next().unwrap_or('\u{100}'),
        }
    }
    Packed {
        alphabet: of_byte.iter().collect(),
        text: bytes.iter().map(|b| of_byte[usize::from(*b)]).collect(),
    }
}

/// The Content-Security-Policy a newsroom should serve the calculator's `index.html` with: scripts
/// from the same origin plus Trunk's inline loader by hash, `'wasm-unsafe-eval'` for the wasm and
/// nothing that evaluates strings; styles from the stylesheet, with style attributes allowed
/// (plotters measures chart text with a styled span).
pub fn served_policy(index: &str, hash: impl Fn(&str) -> String) -> String {
    let mut inline = Vec::new();
    let mut rest = index;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let Some(close) = rest.find("</script>") else {
            break;
        };
        if attr(&rest[..=open_end], "src").is_none() && open_end < close {
            inline.push(hash(&rest[open_end + 1..close]));
        }
        rest = &rest[close + "</script>".len()..];
    }
    let mut styles = Vec::new();
    let mut rest = index;
    while let Some(start) = rest.find("<style") {
        rest = &rest[start..];
        let (Some(open_end), Some(close)) = (rest.find('>'), rest.find("</style>")) else {
            break;
        };
        if open_end < close {
            styles.push(hash(&rest[open_end + 1..close]));
        }
        rest = &rest[close + "</style>".len()..];
    }
    // The same script or style in two pages is listed once.
    let once = |list: Vec<String>| {
        let mut seen = std::collections::BTreeSet::new();
        list.into_iter()
            .filter(|h| seen.insert(h.clone()))
            .collect::<Vec<_>>()
    };
    let (inline, styles) = (once(inline), once(styles));
    format!(
        "default-src 'self'; script-src 'self' {} 'wasm-unsafe-eval'; style-src 'self' {}; \
         style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'none'",
        inline.join(" "),
        styles.join(" ")
    )
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '!')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The value of attribute `name` in a start tag, quoted with `"` or `'`, or bare.
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| i + from) {
        from = i + name.len();
        let before_ok = lower[..i].ends_with(|c: char| c.is_ascii_whitespace());
        let after = lower[from..].trim_start();
        if !before_ok {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            // A bare attribute such as `async`.
            return Some(String::new());
        };
        let offset = tag.len() - value.len();
        let value = tag[offset..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or_default().to_string(),
            _ => value
                .split(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or_default()
                .to_string(),
        });
    }
    None
}

fn mime(href: &str) -> &'static str {
    match href.rsplit('.').next().unwrap_or_default() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_INDEX: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="script-src 'sha256-old'">
<link rel="modulepreload" href="./jikgu-1.js" crossorigin="anonymous" integrity="sha384-x">
<link rel="preload" href="./jikgu-1_bg.wasm" crossorigin="anonymous" integrity="sha384-y" as="fetch" type="application/wasm">
<link rel="stylesheet" href="./style-2.css" integrity="sha384-z"/>
<link rel="icon" href="./icon.svg">
<base href="./">
<script>document.documentElement.dataset.boot = "1";</script>
</head><body><main id="app"></main>
<script type="module">
import init, * as bindings from './jikgu-1.js';
const wasm = await init({ module_or_path: './jikgu-1_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script></body></html>"#;

    const GLUE: &str =
        "let wasm;\nasync function __wbg_init(m) {}\nexport { initSync, __wbg_init as default };\n";

    fn build(index: &str, glue: &str) -> Result<String, String> {
        single_file(
            index,
            glue,
            b"\0asm",
            |href| match href {
                "./style-2.css" => Some(b"body{color:red}".to_vec()),
                "./icon.svg" => Some(b"<svg/>".to_vec()),
                _ => None,
            },
            |s| format!("'h{}'", s.len()),
        )
    }

    #[test]
    fn inlines_everything_and_drops_what_fetches() {
        let out = build(TRUNK_INDEX, GLUE).expect("builds");
        for gone in [
            "<base",
            "modulepreload",
            "rel=\"preload\"",
            "style-2.css",
            "./jikgu-1",
            "sha256-old",
            "import init",
        ] {
            assert!(!out.contains(gone), "{gone:?} should be gone from:\n{out}");
        }
        for kept in [
            "<style>body{color:red}</style>",
            "data:image/svg+xml;base64,",
            "document.documentElement.dataset.boot",
            "async function __wbg_init(",
            "byteOf[t.charCodeAt(i)]",
            "'wasm-unsafe-eval'",
            "<main id=\"app\"></main>",
        ] {
            assert!(out.contains(kept), "{kept:?} should be in:\n{out}");
        }
        assert_eq!(
            out.matches("<script").count(),
            3,
            "the boot script, one data block and the loader"
        );
        let csp = out.find("Content-Security-Policy").expect("a policy");
        assert!(
            csp < out.find("<style>").expect("style"),
            "the policy comes before what it governs"
        );
        let packed = pack(b"\0asm");
        let block = format!("<script type=\"{WASM_TYPE}\">{}</script>", packed.text);
        let loader = out.find("<script type=\"module\">").expect("a loader");
        assert!(
            out.find(&block).is_some_and(|at| at < loader),
            "the wasm bytes are inlined, packed, in a data block before the loader"
        );
    }

    #[test]
    fn the_served_page_loads_the_wasm_beside_it() {
        let files = Files {
            glue: "jikgu-1.js",
            wasm: "jikgu-1_bg.wasm",
        };
        let resolve = |href: &str| match href {
            "./style-2.css" => Some(b"body{color:red}".to_vec()),
            "./icon.svg" => Some(b"<svg/>".to_vec()),
            _ => None,
        };
        let hash = |s: &str| format!("'h{}'", s.len());
        let out = split_page(TRUNK_INDEX, &files, resolve, hash).expect("builds");
        for gone in [
            "<base",
            "sha256-old",
            "import init",
            WASM_TYPE,
            "integrity=",
        ] {
            assert!(!out.contains(gone), "{gone:?} should be gone from:\n{out}");
        }
        for kept in [
            "<link rel=\"modulepreload\" href=\"./jikgu-1.js\">",
            "<style>body{color:red}</style>",
            "import(\"./jikgu-1.js\")",
            "compileStreaming(fetch(w))",
            "w=\"./jikgu-1_bg.wasm\"",
            "<main id=\"app\"></main>",
        ] {
            assert!(out.contains(kept), "{kept:?} should be in:\n{out}");
        }
        assert!(
            out.find("<main id=\"app\">") < out.find("<script type=\"module\">"),
            "the page comes before its loader"
        );
        let loader_start = out.find("<script type=\"module\">").expect("loader") + 22;
        let loader = &out
            [loader_start..out[loader_start..].find("</script>").expect("closed") + loader_start];
        assert!(
            out.contains(&format!("'h{}'", loader.len())),
            "the loader is hashed into the page's policy"
        );
        assert!(
            split_page(
                TRUNK_INDEX,
                &Files {
                    glue: "a\");alert(1);//.js",
                    wasm: "b.wasm"
                },
                resolve,
                hash
            )
            .is_err(),
            "a file name that would escape the loader's string is refused"
        );
    }

    #[test]
    fn data_blocks_hold_the_text_in_order_and_in_pieces() {
        let text: String = (0..(WASM_BLOCK * 2 + 5))
            .map(|i| if i % 3 == 0 { '\u{e9}' } else { 'a' })
            .collect();
        let out = data_blocks(&text);
        let open = format!("<script type=\"{WASM_TYPE}\">");
        let pieces: Vec<&str> = out
            .split("</script>")
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.strip_prefix(open.as_str())
                    .expect("each piece is a data block")
            })
            .collect();
        assert_eq!(pieces.len(), 3);
        assert!(pieces.iter().all(|p| p.chars().count() <= WASM_BLOCK));
        assert_eq!(pieces.concat(), text, "the blocks joined are the text");
        assert_eq!(data_blocks(""), "", "no wasm, no blocks");
    }

    fn alphabet_of(packed: &Packed, byte: u8) -> char {
        packed
            .alphabet
            .chars()
            .nth(usize::from(byte))
            .expect("256 characters")
    }

    #[test]
    fn packed_bytes_come_back_and_need_no_escape() {
        let bytes: Vec<u8> = (0..=255u8)
            .chain([0, 0, 0, 97, 115, 109, 1, 0, 0, 0])
            .collect();
        let packed = pack(&bytes);
        let alphabet: Vec<char> = packed.alphabet.chars().collect();
        assert_eq!(alphabet.len(), 256);
        let distinct: std::collections::BTreeSet<char> = alphabet.iter().copied().collect();
        assert_eq!(distinct.len(), 256, "one character per byte value");
        let back: Vec<u8> = packed
            .text
            .chars()
            .map(|c| {
                alphabet
                    .iter()
                    .position(|a| *a == c)
                    .expect("in the alphabet") as u8
            })
            .collect();
        assert_eq!(
            back, bytes,
            "decoding as the loader does gives the bytes back"
        );
        for c in alphabet {
            assert!(
                (' '..='~').contains(&c) || ('\u{80}'..'\u{200}').contains(&c),
                "{c:?} is one or two UTF-8 bytes, and no C0 control that HTML would rewrite"
            );
            assert!(!matches!(c, '"' | '\\' | '<'), "{c:?} would need an escape");
        }
        let most_frequent = packed.alphabet.chars().next().expect("byte 0's character");
        assert!(
            most_frequent.is_ascii(),
            "the most frequent byte (0) costs one byte"
        );
        assert_eq!(
            alphabet_of(&packed, b'a'),
            'a',
            "printable ASCII stays itself"
        );
        assert_eq!(
            alphabet_of(&packed, 0xE9),
            '\u{e9}',
            "a high byte keeps its code"
        );
    }

    #[test]
    fn policy_hashes_every_inline_script_and_style() {
        let out = build(TRUNK_INDEX, GLUE).expect("builds");
        let boot = "document.documentElement.dataset.boot = \"1\";";
        assert!(
            out.contains(&format!("'h{}'", boot.len())),
            "boot script hashed: {out}"
        );
        assert!(
            out.contains(&format!("style-src-elem 'h{}'", "body{color:red}".len())),
            "style hashed: {out}"
        );
    }

    #[test]
    fn refuses_what_would_break_offline() {
        let cases = [
            (
                TRUNK_INDEX,
                "async function init(m) {}\nexport default init;",
                "glue",
            ),
            (
                TRUNK_INDEX,
                "import { x } from './snippets/a.js';\nasync function __wbg_init(m) {}",
                "snippets",
            ),
            (
                "<html><head></head><body><script src=\"x.js\"></script></body></html>",
                GLUE,
                "script src",
            ),
            ("<html><head></head><body>", GLUE, "no </body>"),
            (
                "<html><head><link rel=\"stylesheet\" href=\"./missing.css\"></head><body></body></html>",
                GLUE,
                "missing css",
            ),
        ];
        for (index, glue, why) in cases {
            assert!(build(index, glue).is_err(), "{why} should be refused");
        }
    }

    #[test]
    fn served_policy_hashes_the_inline_loader_only() {
        let policy = served_policy(TRUNK_INDEX, |s| format!("'h{}'", s.len()));
        assert_eq!(
            policy.matches("'h").count(),
            2,
            "the boot script and Trunk's loader: {policy}"
        );
        assert!(
            policy.contains("'wasm-unsafe-eval'"),
            "the wasm may compile: {policy}"
        );
        assert!(
            !policy.contains("'unsafe-eval'"),
            "nothing evaluates strings: {policy}"
        );
        assert!(
            !policy.contains("script-src 'self' 'unsafe-inline'"),
            "no inline scripts but by hash: {policy}"
        );
    }

    #[test]
    fn trims_comments_and_indentation_and_nothing_else() {
        let js = "function f() {\n    // a comment\n    const s = `a\n  kept ${x}\n`;\n\n    return \"// not a comment\";\n}\n";
        assert_eq!(
            trim_js(js),
            "function f() {\nconst s = `a\n  kept ${x}\n`;\nreturn \"// not a comment\";\n}\n"
        );
        let css =
            "/* head */\n.a { content: \"/* kept */\"; }\n  .b {\n    color: red; /* why */\n  }\n";
        assert_eq!(
            trim_css(css),
            ".a { content: \"/* kept */\"; }\n.b {\ncolor: red; \n}\n"
        );
    }

    #[test]
    fn reads_attributes() {
        let cases = [
            (r#"<link rel="icon" href="a.svg">"#, "href", Some("a.svg")),
            (r#"<link rel='icon' href='b.svg'>"#, "href", Some("b.svg")),
            (r#"<link rel=icon href=c.svg>"#, "href", Some("c.svg")),
            (r#"<link data-href="x" rel="icon">"#, "href", None),
            (r#"<script async src="d.js">"#, "async", Some("")),
        ];
        for (tag, name, want) in cases {
            assert_eq!(attr(tag, name).as_deref(), want, "{name} in {tag}");
        }
    }
}
