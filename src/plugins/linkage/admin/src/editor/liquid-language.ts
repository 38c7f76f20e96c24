// Syntax highlighting for the site templates: Liquid tags ({% %}) and outputs ({{ }}) over HTML,
// and CSS for the styles, as CodeMirror stream languages (no grammar package needed).
import { StreamLanguage, type StringStream } from '@codemirror/language';

interface LiquidState {
  inLiquid: 'tag' | 'output' | null;
  inHtmlTag: boolean;
  inComment: boolean;
}

export const liquidHtml = StreamLanguage.define<LiquidState>({
  name: 'liquid',
  startState: () => ({ inLiquid: null, inHtmlTag: false, inComment: false }),
  token(stream: StringStream, state: LiquidState): string | null {
    if (state.inComment) {
      if (stream.skipTo('-->')) {
        stream.match('-->');
        state.inComment = false;
      } else stream.skipToEnd();
      return 'comment';
    }
    if (state.inLiquid) {
      const close = state.inLiquid === 'tag' ? /^-?%\}/ : /^-?\}\}/;
      if (stream.match(close)) {
        state.inLiquid = null;
        return 'meta';
      }
      if (stream.match(/^"(?:[^"\\]|\\.)*"|^'(?:[^'\\]|\\.)*'/)) return 'string';
      if (stream.match(/^\d+(\.\d+)?/)) return 'number';
      if (
        stream.match(
          /^(if|elsif|else|endif|unless|endunless|for|endfor|in|case|when|endcase|assign|capture|endcapture|render|include|and|or|contains|break|continue|comment|endcomment|raw)\b/
        )
      )
        return 'keyword';
      if (stream.match(/^\|\s*[a-z_]+/)) return 'operator';
      if (stream.match(/^[A-Za-z_][\w.]*/)) return 'variableName';
      stream.next();
      return null;
    }
    if (stream.match(/^\{%-?/)) {
      state.inLiquid = 'tag';
      return 'meta';
    }
    if (stream.match(/^\{\{-?/)) {
      state.inLiquid = 'output';
      return 'meta';
    }
    if (stream.match('<!--')) {
      state.inComment = true;
      return 'comment';
    }
    if (state.inHtmlTag) {
      if (stream.match(/^\/?>/)) {
        state.inHtmlTag = false;
        return 'angleBracket';
      }
      if (stream.match(/^"[^"]*"|^'[^']*'/)) return 'string';
      if (stream.match(/^[\w-:]+/)) return 'attributeName';
      stream.next();
      return null;
    }
    if (stream.match(/^<\/?[\w-]+/)) {
      state.inHtmlTag = true;
      return 'tagName';
    }
    while (!stream.eol() && !stream.match(/^(?=\{[{%]|<)/, false)) stream.next();
    if (stream.current() === '') stream.next();
    return null;
  },
});

export const css = StreamLanguage.define<{ inBlock: boolean }>({
  name: 'css',
  startState: () => ({ inBlock: false }),
  token(stream: StringStream, state: { inBlock: boolean }): string | null {
    if (stream.match('/*')) {
      if (!stream.skipTo('*/')) stream.skipToEnd();
      else stream.match('*/');
      return 'comment';
    }
    if (stream.match('{')) {
      state.inBlock = true;
      return 'brace';
    }
    if (stream.match('}')) {
      state.inBlock = false;
      return 'brace';
    }
    if (stream.match(/^"[^"]*"|^'[^']*'/)) return 'string';
    if (stream.match(/^#[0-9a-fA-F]{3,8}\b/) || stream.match(/^-?\d+(\.\d+)?(px|rem|em|%|vh|vw)?/)) return 'number';
    if (state.inBlock && stream.match(/^[\w-]+(?=\s*:)/)) return 'propertyName';
    if (!state.inBlock && stream.match(/^[.#]?[\w-]+/)) return 'tagName';
    stream.next();
    return null;
  },
});
