package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.ProspectRenderer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The interaction read from Discord's payload alone (documentation: interactions/receiving-and-responding,
 * "Interaction Object"; resources/user, "Usernames and Nicknames").
 */
@DisplayName("InteractionPayloads: an interaction from its JSON, without any cache")
class InteractionPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    @DisplayName("a slash command in a guild: kind, options, member nickname, consultant from permissions")
    void guildCommand() throws Exception {
        JsonNode d = json("{'id':'11','application_id':'22','type':2,'token':'tok','channel_id':'33','guild_id':'44',"
                + "'member':{'nick':'Ada (CTO)','roles':[],'permissions':'32','user':{'id':'55','username':'ada_l',"
                + "'global_name':'Ada Lovelace'}},'data':{'name':'triage','options':[{'name':'diagnostic','type':3,"
                + "'value':'technology-leadership'}]}}");

        InteractionPayloads.Delivered delivered = InteractionPayloads.read(d, 0).orElseThrow();

        Interaction i = delivered.interaction();
        assertThat(i.kind()).isEqualTo(Interaction.Kind.TRIAGE_COMMAND);
        assertThat(i.id()).isEqualTo(11);
        assertThat(i.userId()).isEqualTo(55);
        assertThat(i.displayName()).isEqualTo("Ada (CTO)");
        assertThat(i.option()).isEqualTo("technology-leadership");
        assertThat(i.inGuild()).isTrue();
        assertThat(i.consultant()).as("Manage Server (1 << 5)").isTrue();
        assertThat(delivered.applicationId()).isEqualTo(22);
        assertThat(delivered.token()).isEqualTo("tok");
        assertThat(delivered.channelId()).isEqualTo(33);
        assertThat(delivered.toString()).doesNotContain("tok");
    }

    @Test
    @DisplayName("a string select (\"Change an answer\"): the chosen option's value is the interaction's text")
    void stringSelect() throws Exception {
        // Discord documentation, interactions/receiving-and-responding: message component data carries "values"
        JsonNode d = json("{'id':'1','application_id':'2','type':3,'token':'t','channel_id':'3',"
                + "'user':{'id':'4','username':'ada'},"
                + "'data':{'custom_id':'t:4:8:edit:sig','component_type':3,'values':['leader-gone']}}");

        Interaction i = InteractionPayloads.read(d, 0).orElseThrow().interaction();

        assertThat(i.kind()).isEqualTo(Interaction.Kind.BUTTON);
        assertThat(i.customId()).isEqualTo("t:4:8:edit:sig");
        assertThat(i.text()).isEqualTo("leader-gone");
    }

    @Test
    @DisplayName("a button in a DM: the global display name, never a consultant")
    void dmButton() throws Exception {
        JsonNode d = json("{'id':'1','application_id':'2','type':3,'token':'t','channel_id':'3',"
                + "'user':{'id':'4','username':'gh_1906','global_name':'Grace Hopper'},"
                + "'data':{'custom_id':'x','component_type':2}}");

        Interaction i = InteractionPayloads.read(d, 0).orElseThrow().interaction();

        assertThat(i.kind()).isEqualTo(Interaction.Kind.BUTTON);
        assertThat(i.customId()).isEqualTo("x");
        assertThat(i.displayName()).isEqualTo("Grace Hopper");
        assertThat(i.inGuild()).isFalse();
        assertThat(i.consultant()).isFalse();
    }

    @Test
    @DisplayName("a modal submit: the typed text; the username when there is no global name; the consultant role")
    void modalSubmit() throws Exception {
        JsonNode d = json("{'id':'1','application_id':'2','type':5,'token':'t','channel_id':'3','guild_id':'9',"
                + "'member':{'roles':['77'],'permissions':'0','user':{'id':'4','username':'plain','global_name':null}},"
                + "'data':{'custom_id':'m','components':[{'type':1,'components':[{'type':4,'custom_id':'"
                + ProspectRenderer.TEXT_INPUT_ID + "','value':'hello'}]}]}}");

        Interaction i = InteractionPayloads.read(d, 77).orElseThrow().interaction();

        assertThat(i.kind()).isEqualTo(Interaction.Kind.MODAL);
        assertThat(i.text()).isEqualTo("hello");
        assertThat(i.displayName()).isEqualTo("plain");
        assertThat(i.consultant()).isTrue();
    }

    @Test
    @DisplayName("PING and autocomplete are not the bot's business")
    void otherTypes() throws Exception {
        assertThat(InteractionPayloads.read(json("{'id':'1','type':1}"), 0)).isEmpty();
        assertThat(InteractionPayloads.read(json("{'id':'1','type':4,'user':{'id':'4'}}"), 0)).isEmpty();
    }
}
