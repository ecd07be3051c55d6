<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Header facts: the document's file stem, its titles, authors, contributors, dates,
      publisher, witness, licence and identifier, and the citations of the edition and
      of a passage, from which the front matter, "How to cite" and the metadata are built.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>The document's file stem: the doc-stem parameter, else its base URI.</xd:desc></xd:doc>
  <xsl:function name="ed:stem" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="from-uri" select="replace(tokenize(string(base-uri(root($node))), '/')[last()], '\.xml$', '')"/>
    <xsl:sequence select="if ($doc-stem ne '') then $doc-stem else if ($from-uri ne '') then $from-uri else 'edition'"/>
  </xsl:function>

  <xd:doc><xd:desc>The document's title: the main title of its titleStmt (never a parameter:
    the project's name is $site-title).</xd:desc></xd:doc>
  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="titles" select="root($root)/*/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="normalize-space(string(($titles[@type = 'main'], $titles)[1]))"/>
  </xsl:function>

  <xd:doc><xd:desc>The document's official title, else its main title.</xd:desc></xd:doc>
  <xsl:function name="ed:official-title" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="titles" select="root($root)/*/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="normalize-space(string(($titles[@type = 'official'], $titles[@type = 'main'], $titles)[1]))"/>
  </xsl:function>

  <xd:doc><xd:desc>A header element's words, its child elements set apart by spaces (so that
    "(KNAW)" and an e-mail address, or a forename and a surname, never run together), without
    the parts that are not its name (idno, email, address, affiliation, note, ptr): what a
    citation, DTS or DataCite calls a person or an organisation.</xd:desc></xd:doc>
  <xsl:function name="ed:name-text" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="name" select="ed:spaced-text($el, true())"/>
    <!-- A publisher given only as an address: the names in it. -->
    <xsl:sequence select="if ($name ne '') then $name
      else string-join(($el//(name | orgName | persName))[empty(ancestor::*[self::name or self::orgName or self::persName] intersect $el//*)] ! ed:spaced-text(., true()), '; ')"/>
  </xsl:function>

  <xd:doc><xd:desc>The names an element holds: each of its name, persName or orgName children
    when it has several (an editor element naming two people), else its one name.</xd:desc></xd:doc>
  <xsl:function name="ed:names-in" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="names" select="$el/(name | persName | orgName)"/>
    <xsl:sequence select="(if (count($names) gt 1) then $names ! ed:name-text(.) else ed:name-text($el))[. ne '']"/>
  </xsl:function>
  <xd:doc><xd:desc>An element's words with its child elements set apart by spaces; with
    $names-only, without the parts that are not a name (ed:name-text); notes are left out.</xd:desc></xd:doc>
  <xsl:function name="ed:spaced-text" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="names-only" as="xs:boolean"/>
    <xsl:variable name="words" select="normalize-space(string-join(ed:name-parts($el, $names-only), ''))"/>
    <xsl:sequence select="replace(replace($words, '\s+([,.;:!?)\]])', '$1'), '([(\[])\s+', '$1')"/>
  </xsl:function>
  <xd:doc><xd:desc>The text nodes of ed:name-text, a space around each child element.</xd:desc></xd:doc>
  <xsl:function name="ed:name-parts" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="names-only" as="xs:boolean"/>
    <xsl:for-each select="$el/node()">
      <xsl:choose>
        <xsl:when test="self::text()"><xsl:sequence select="string(.)"/></xsl:when>
        <xsl:when test="self::note or ($names-only and (self::idno or self::email or self::address or self::affiliation or self::ptr))"/>
        <xsl:when test="self::*"><xsl:sequence select="(' ', ed:name-parts(., $names-only), ' ')"/></xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <xd:doc><xd:desc>Who issued or wrote the document (titleStmt/author), by name: an idno or
    an e-mail address in the author element is not part of it.</xd:desc></xd:doc>
  <xsl:function name="ed:authors" as="xs:string*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="(root($root)/*/teiHeader/fileDesc/titleStmt/author ! ed:name-text(.))[. ne '']"/>
  </xsl:function>

  <xd:doc><xd:desc>The authors as the page and the plain text show them: each name, with the
    author's affiliation after it in brackets ("Charles Dickens (Household Words)"), so that
    what the header says of them is not lost; a citation takes ed:authors, names only.</xd:desc></xd:doc>
  <xsl:function name="ed:authors-shown" as="xs:string*">
    <xsl:param name="root" as="node()"/>
    <xsl:for-each select="root($root)/*/teiHeader/fileDesc/titleStmt/author">
      <xsl:variable name="name" select="ed:name-text(.)"/>
      <xsl:variable name="affiliation" select="string-join(affiliation ! ed:spaced-text(., false())[. ne ''], '; ')"/>
      <xsl:sequence select="(if ($name ne '' and $affiliation ne '') then $name || ' (' || $affiliation || ')'
        else ($name[. ne ''], $affiliation)[1])[. ne '']"/>
    </xsl:for-each>
  </xsl:function>

  <xd:doc><xd:desc>The contributors of the edition: "resp: name" for each respStmt.</xd:desc></xd:doc>
  <xsl:function name="ed:responsibilities" as="xs:string*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="root($root)/*/teiHeader/fileDesc/titleStmt/respStmt !
      (string-join(resp ! normalize-space(.), '; ') || ': ' || string-join((* except resp) ! ed:name-text(.), ', '))"/>
  </xsl:function>

  <xd:doc><xd:desc>The date of the document's creation (ISO), or empty.</xd:desc></xd:doc>
  <xsl:function name="ed:creation-date" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="header" select="root($root)/*/teiHeader"/>
    <xsl:sequence select="string(($header/profileDesc/creation//date/@when, $header/fileDesc/sourceDesc/bibl[1]/date/@when)[1])"/>
  </xsl:function>

  <xd:doc><xd:desc>The place of the document's creation, or empty.</xd:desc></xd:doc>
  <xsl:function name="ed:creation-place" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="normalize-space(string((root($root)/*/teiHeader/profileDesc/creation//placeName)[1]))"/>
  </xsl:function>

  <xd:doc><xd:desc>The edition's publisher: the publisher parameter, else the publicationStmt's
    publishers by name ("; " between two), else its distributor or authority.</xd:desc></xd:doc>
  <xsl:function name="ed:publisher" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="stmt" select="(root($root)/*/teiHeader/fileDesc/publicationStmt)[1]"/>
    <xsl:variable name="names" select="if ($stmt/publisher) then $stmt/publisher else ($stmt/(distributor | authority))[1]"/>
    <xsl:sequence select="if ($publisher ne '') then $publisher else string-join($names ! ed:name-text(.)[. ne ''], '; ')"/>
  </xsl:function>

  <xd:doc><xd:desc>The year of the edition's publication, or empty.</xd:desc></xd:doc>
  <xsl:function name="ed:edition-date" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="date" select="(root($root)/*/teiHeader/fileDesc/publicationStmt/date)[1]"/>
    <xsl:sequence select="string(($date/@when, normalize-space(string($date)))[1])"/>
  </xsl:function>

  <xd:doc><xd:desc>The witness: the first bibl of the sourceDesc (type witness preferred).</xd:desc></xd:doc>
  <xsl:function name="ed:witness" as="element()?">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="source" select="root($root)/*/teiHeader/fileDesc/sourceDesc"/>
    <xsl:sequence select="($source/bibl[@type = 'witness'], $source//bibl, $source/biblStruct)[1]"/>
  </xsl:function>

  <xd:doc><xd:desc>The licence statement, or the first availability paragraph.</xd:desc></xd:doc>
  <xsl:function name="ed:licence" as="element()?">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="availability" select="(root($root)/*/teiHeader/fileDesc/publicationStmt/availability)[1]"/>
    <xsl:sequence select="($availability/licence, $availability/p)[1]"/>
  </xsl:function>

  <xd:doc><xd:desc>The edition's own identifier (idno type="project", else the first idno).</xd:desc></xd:doc>
  <xsl:function name="ed:identifier" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="idnos" select="root($root)/*/teiHeader/fileDesc/publicationStmt/idno"/>
    <xsl:sequence select="normalize-space(string(($idnos[@type = 'project'], $idnos)[1]))"/>
  </xsl:function>

  <xd:doc><xd:desc>The URL of the edition page: base-url + stem + ".html" (relative when base-url is empty).</xd:desc></xd:doc>
  <xsl:function name="ed:edition-url" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="$base-url || encode-for-uri(ed:stem($root)) || '.html'"/>
  </xsl:function>

  <xd:doc><xd:desc>The public URL of the edition page: absolute, when a base URL is set; else
    empty, and citations give none rather than pretend to have one.</xd:desc></xd:doc>
  <xsl:function name="ed:public-url" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="if ($base-url ne '') then ed:edition-url($root) else ''"/>
  </xsl:function>

  <xd:doc><xd:desc>From the edition page to the document's TEI source (the output kind "tei").</xd:desc></xd:doc>
  <xsl:function name="ed:source-href" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="$tei-href || encode-for-uri(ed:stem($root)) || '.xml'"/>
  </xsl:function>

  <xd:doc><xd:desc>The version of the edition (editionStmt/edition/@n), or empty.</xd:desc></xd:doc>
  <xsl:function name="ed:version" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="normalize-space(string((root($root)/*/teiHeader/fileDesc/editionStmt/edition/@n)[1]))"/>
  </xsl:function>

  <xd:doc><xd:desc>The credits of the edition, one per respStmt of the titleStmt, as a citation
    gives them: the responsibility, then the names ("Translated by: A. Translator"); a
    responsibility phrased to run on into the names ("… by the", "… editor,") is followed by
    a space only.</xd:desc></xd:doc>
  <xsl:function name="ed:credits" as="xs:string*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="ed:editors($root)"/>
    <xsl:sequence select="root($root)/*/teiHeader/fileDesc/titleStmt/respStmt ! ed:resp-credit(.)"/>
  </xsl:function>

  <xd:doc><xd:desc>One respStmt as a credit: the responsibility, then the names ("Transcribed
    by: Northshire Record Office"); a responsibility phrased to run on into the names ("… by
    the", "… editor,") is followed by a space only.</xd:desc></xd:doc>
  <xsl:function name="ed:resp-credit" as="xs:string">
    <xsl:param name="stmt" as="element()"/>
    <xsl:variable name="resp" select="string-join($stmt/resp ! normalize-space(.), '; ')"/>
    <xsl:variable name="names" select="string-join(($stmt/* except $stmt/resp) ! ed:name-text(.), ', ')"/>
    <xsl:sequence select="if ($resp eq '') then $names
      else $resp || (if (matches($resp, '(\sby|\sthe|\sof|\sfrom|,)$')) then ' ' else ': ') || $names"/>
  </xsl:function>

  <xd:doc><xd:desc>One part of a bibliographic description, as words: an editor as "ed. name"
    (or its @role: "Transcriber: name"), a respStmt as its credit, anything else its words.</xd:desc></xd:doc>
  <xsl:function name="ed:bibl-part" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="role" select="normalize-space($el/@role)"/>
    <xsl:sequence select="if ($el/self::editor) then
        (if ($role = ('', 'editor', 'ed')) then 'ed. ' else upper-case(substring($role, 1, 1)) || substring($role, 2) || ': ') || ed:name-text($el)
      else if ($el/self::respStmt) then ed:resp-credit($el)
      else ed:spaced-text($el, false())"/>
  </xsl:function>

  <xd:doc><xd:desc>A bibliographic description written as prose, as written: its words in
    order, notes left out, and ", " between two of its parts that the source set side by side
    with nothing between them ("tragedies" "First Folio" "London" run together otherwise).</xd:desc></xd:doc>
  <xsl:function name="ed:prose-bibl" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each select="$bibl/node()[not(self::note)]">
        <xsl:choose>
          <xsl:when test="self::text()"><xsl:sequence select="string(.)"/></xsl:when>
          <xsl:when test="self::*">
            <xsl:variable name="before" select="preceding-sibling::node()[not(self::note)][not(self::text()[not(normalize-space())])][1]"/>
            <xsl:sequence select="(if ($before instance of element()) then ', ' else ' ') || ed:spaced-text(., false()) || ' '"/>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="words" select="normalize-space(string-join($parts, ''))"/>
    <xsl:sequence select="replace(replace($words, '\s+([,.;:!?)\]])', '$1'), '([(\[])\s+', '$1')"/>
  </xsl:function>

  <xd:doc><xd:desc>Is a bibliographic description written as prose (words outside its child
    elements, or none at all)? Then it is shown as written, not part by part.</xd:desc></xd:doc>
  <xsl:function name="ed:is-prose-bibl" as="xs:boolean">
    <xsl:param name="bibl" as="element()"/>
    <xsl:sequence select="exists($bibl/text()[normalize-space()]) or empty($bibl/(* except (note, ref)))"/>
  </xsl:function>

  <xd:doc><xd:desc>The editors of the titleStmt, as credits: "Edited by A and B" for those
    without a role (or with role "editor"), "Role: name" for the others (translator, ...).</xd:desc></xd:doc>
  <xsl:function name="ed:editors" as="xs:string*">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="editors" select="root($root)/*/teiHeader/fileDesc/titleStmt/editor[ed:name-text(.) ne '']"/>
    <xsl:variable name="plain" select="$editors[not(@role) or normalize-space(@role) = ('editor', 'ed')] ! ed:names-in(.)"/>
    <xsl:sequence select="(
      $plain[1] ! ('Edited by ' || (if (count($plain) gt 1) then string-join($plain[position() lt last()], ', ') || ' and ' || $plain[last()] else .)),
      $editors[@role][not(normalize-space(@role) = ('editor', 'ed'))] ! (upper-case(substring(normalize-space(@role), 1, 1)) || substring(normalize-space(@role), 2) || ': ' || string-join(ed:names-in(.), ', ')))"/>
  </xsl:function>

  <xd:doc><xd:desc>The whole rights statement: every licence and paragraph of the availability,
    in order (a restriction on part of the content is part of the rights).</xd:desc></xd:doc>
  <xsl:function name="ed:rights" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="string-join((root($root)/*/teiHeader/fileDesc/publicationStmt/availability)[1]/(licence | p) ! normalize-space(.), ' ')"/>
  </xsl:function>

  <xd:doc><xd:desc>The citation of the edition as a whole, in one line: who issued the document,
    the title, the credits (translation, other editors, encoding), then the publisher, the
    version and the date of the edition (not of the document), and, in a release build, the
    release (common/release.xsl: "cite this version").</xd:desc></xd:doc>
  <xsl:function name="ed:edition-citation" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="imprint" select="string-join((ed:publisher($root)[. ne ''], ed:version($root)[. ne ''] ! ('version ' || .),
      ed:edition-date($root)[. ne ''], ed:release-imprint()), ', ')"/>
    <xsl:variable name="parts" select="(string-join(ed:authors($root), '; '), ed:title($root), ed:credits($root), $imprint)[. ne '']"/>
    <xsl:sequence select="string-join($parts ! (if (matches(., '[.!?]$')) then . else . || '.'), ' ')"/>
  </xsl:function>

  <xd:doc><xd:desc>What follows a citation: the public URL, if there is one (in a release, with
    the version: ed:versioned-url), and the date of access, which only the reader knows (the
    page's script fills it in when it copies a citation).</xd:desc></xd:doc>
  <xsl:function name="ed:citation-end" as="xs:string">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="string-join(($url[. ne ''] ! (ed:versioned-url(.) || '.'), 'Accessed [date of access].'), ' ')"/>
  </xsl:function>

  <xd:doc><xd:desc>The citation of one passage: the edition, the passage label, its stable URL
    when the edition has a public one, and the date of access.</xd:desc></xd:doc>
  <xsl:function name="ed:passage-citation" as="xs:string">
    <xsl:param name="passage" as="element()"/>
    <xsl:sequence select="ed:edition-citation($passage) || ' ' || ed:passage-label($passage) || '. '
                          || ed:citation-end(ed:public-url($passage)[. ne ''] ! (. || '#' || ed:id($passage)))"/>
  </xsl:function>

</xsl:stylesheet>
