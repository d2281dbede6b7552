import Foundation
import LettershopTestSupport
import Testing

/// Campaigns: create, set, list, show with its report, delete; targets made by logging a segment
/// with --campaign-target, responses marked on entries, and the campaign(NO, …) criteria.
@Suite struct CampaignCLITests {
    @Test func targetsResponsesAndTheReport() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("contacts.csv", "No,Name,Address,PostCode,City\nA1,Ann,S 1,0150,Oslo\nA2,Bob,S 2,0150,Oslo\nA3,Cid,S 3,0150,Oslo\nA4,Dan,S 4,5003,Bergen\n")
        #expect(try workspace.run("contacts", "import", "contacts.csv").status == 0)
        try workspace.run("templates", "add", "CALL", "--unit-cost", "3", "--unit-duration", "5")
        try workspace.run("templates", "add", "REPLY", "--information-flow", "inbound", "--initiated-by", "them")
        #expect(try workspace.run("campaign", "create", "CP1", "--description", "Spring", "--start", "2026-03-01", "--status", "PLANNED").stdout
                == "created campaign CP1\n")
        #expect(try workspace.run("campaign", "set", "CP1", "--end", "2026-05-31", "--status", "STARTED", "--salesperson", "JD").status == 0)
        try workspace.run("segment", "create", "S", "--description", "Calls", "--template", "CALL", "--campaign", "CP1", "--campaign-target")
        let header = try #require((try workspace.json("segment", "show", "S", "--json") as? [String: Any])?["header"] as? [String: Any])
        #expect(header["CampaignTarget"] as? Bool == true)
        #expect(try workspace.run("segment", "show", "S").stdout.contains("CampaignNo: CP1\nCampaignTarget: true\n"))
        try workspace.run("segment", "add", "S", "--where", "City = Oslo")
        #expect(try workspace.run("segment", "log", "S").status == 0)
        // A segment of the campaign without --campaign-target makes no targets.
        try workspace.run("segment", "create", "T", "--description", "More", "--template", "CALL", "--campaign", "CP1")
        try workspace.run("segment", "add", "T", "--contact", "A4")
        #expect(try workspace.run("segment", "log", "T").status == 0)

        #expect(try workspace.run("interactions", "add", "A2", "--template", "REPLY", "--campaign", "CP1", "--response").status == 0)
        #expect(try workspace.run("interactions", "add", "A4", "--template", "REPLY", "--campaign", "CP1").status == 0)
        #expect(try workspace.run("interactions", "set", "6", "--response", "true").status == 0)

        let shown = try #require(try workspace.json("campaign", "show", "CP1", "--json") as? [String: Any])
        #expect(shown["Status"] as? String == "STARTED")
        #expect(shown["EndingDate"] as? String == "2026-05-31")
        #expect(shown["NoOfTargets"] as? Int == 3)
        #expect(shown["NoOfInteractions"] as? Int == 6)
        #expect(shown["NoOfResponses"] as? Int == 2)
        #expect(shown["NoOfRespondingTargets"] as? Int == 1)
        #expect(shown["ResponseRate"] as? Double == 33.3)
        #expect(shown["Cost"] as? Double == 12)
        #expect(shown["Duration"] as? Double == 20)
        // Everyone targeted who did not answer, in one expression.
        #expect(try workspace.run("contacts", "list", "--where", "campaign(CP1, target) and not campaign(CP1, responded)").stdout
                == "A1\tcompany\tAnn\tOslo\nA3\tcompany\tCid\tOslo\n")
        #expect(try workspace.run("contacts", "list", "--where", "interaction(CampaignTarget = true and CampaignNo = CP1)").stdout.split(separator: "\n").count == 3)
        // A canceled response no longer counts.
        #expect(try workspace.run("interactions", "cancel", "5").status == 0)
        #expect(try workspace.run("contacts", "list", "--where", "campaign(CP1, responded)").stdout == "A4\tcompany\tDan\tBergen\n")
        let list = try #require(try workspace.json("campaign", "list", "--json") as? [[String: Any]])
        #expect(list.map { $0["No"] as? String } == ["CP1"])

        // Mistakes.
        #expect(try workspace.run("campaign", "create", "CP1", "--description", "Again").stderr == "error: campaign CP1 exists already\n")
        #expect(try workspace.run("campaign", "create", "CP2").status == 2)
        #expect(try workspace.run("campaign", "create", "CP2", "--description", "x", "--start", "2026-13-01").status == 2)
        #expect(try workspace.run("campaign", "create", "CP2", "--description", "x", "--start", "2026-05-01", "--end", "2026-04-01").stderr
                == "error: campaign CP2: EndingDate 2026-04-01 is before StartingDate 2026-05-01\n")
        #expect(try workspace.run("campaign", "show", "NOPE").stderr == "error: unknown campaign 'NOPE' (see 'lettershop campaign list')\n")
        #expect(try workspace.run("segment", "create", "U", "--description", "x", "--campaign", "NOPE").status == 1)
        #expect(try workspace.run("segment", "create", "U", "--description", "x", "--campaign-target").stderr
                == "error: segment U: CampaignTarget needs the segment's campaign (--campaign NO)\n")
        #expect(try workspace.run("interactions", "add", "A1", "--template", "REPLY", "--response").status == 1)
        #expect(try workspace.run("interactions", "set", "1", "--response", "maybe").status == 2)
        #expect(try workspace.run("contacts", "list", "--where", "campaign(CP1)").status == 2)
        #expect(try workspace.run("contacts", "list", "--where", "campaign(NOPE, target)").status == 1)
        #expect(try workspace.run("campaign", "delete", "CP1").stderr == "error: campaign CP1 is named by 6 interaction entries and cannot be deleted\n")
        #expect(try workspace.run("campaign", "create", "CP3", "--description", "Unused").status == 0)
        #expect(try workspace.run("campaign", "delete", "CP3").stdout == "deleted campaign CP3\n")
    }
}
